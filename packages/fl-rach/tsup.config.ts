import { libraryBuild } from "../../tooling/tsup/library.js";

// the worker entry is loaded by path at run time; shims give it import.meta.url in the CJS build
export default libraryBuild(
  { index: "src/index.ts", node: "src/node.ts", "mlp-worker": "src/mlp-worker.ts" },
  { shims: true },
);
