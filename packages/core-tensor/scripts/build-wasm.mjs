/** `pnpm build:wasm`: recompiles `assembly/` and rewrites the embedded-bytes module. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  compileFloat64Kernels,
  generatedModulePath,
  packageRoot,
  renderGeneratedModule,
} from "./wasm-module.mjs";

const bytes = await compileFloat64Kernels();
writeFileSync(join(packageRoot, generatedModulePath), renderGeneratedModule(bytes));
console.log(`wrote ${generatedModulePath} (${bytes.length} wasm bytes)`);
