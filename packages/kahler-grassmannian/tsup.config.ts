import { libraryBuild } from "../../tooling/tsup/library.js";

// the worker module is loaded by path at run time; shims give it import.meta.url in the CJS build
export default libraryBuild(
  { index: "src/index.ts", node: "src/node.ts", "chunk-worker": "src/chunk-worker.ts" },
  { shims: true },
);
