import { libraryBuild } from "../../tooling/tsup/library.js";

export default libraryBuild({
  index: "src/index.ts",
  "report/index": "src/report/index.ts",
  node: "src/node.ts",
});
