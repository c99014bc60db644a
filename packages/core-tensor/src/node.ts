/**
 * @descent/core-tensor/node: the parts of core-tensor that need Node.js, kept out of the main entry and
 * `./report` so that those bundle for browsers with a bundler's defaults.
 *
 * - {@link WorkerPool}: a deterministic `worker_threads` pool (with {@link chunkRanges}, also in the main
 *   entry, for pool-size-independent chunks)
 * - {@link svgToPng}: SVG to PNG through the optional native peer `@resvg/resvg-js`
 *
 * @example
 * ```ts
 * import { chunkRanges, WorkerPool } from "@descent/core-tensor/node";
 * const pool = await WorkerPool.create({ size: 2 });
 * await pool.close();
 * ```
 */
export { chunkRanges } from "./parallel/chunk-ranges.js";
export {
  type WorkerMapOptions,
  WorkerPool,
  type WorkerPoolOptions,
  type WorkerTask,
} from "./parallel/worker-pool.js";
export { type SvgToPngOptions, svgToPng } from "./report/png.js";
