/** Package root (parent of `scripts/`). */
export declare const packageRoot: string;
/** Where the generated module lives, relative to the package root. */
export declare const generatedModulePath: string;
/** The asc command line (besides the output file). */
export declare const ascArguments: string[];
/** Compiles `assembly/` with asc and returns the wasm bytes. */
export declare function compileFloat64Kernels(): Promise<Uint8Array>;
/** The source text of the generated module for `bytes`. */
export declare function renderGeneratedModule(bytes: Uint8Array): string;
