import { libraryBuild } from "../../tooling/tsup/library.js";

export default libraryBuild({ index: "src/index.ts" });
