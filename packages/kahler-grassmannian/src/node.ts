/**
 * Node-only entry `@descent/kahler-grassmannian/node`: Donaldson's iteration with the T-operator
 * summed over point chunks on worker threads (core-tensor's `WorkerPool`). Chunks are fixed by the
 * point count (not the number of workers) and their partial sums are added in chunk order, so the
 * result is bit-identical to the single-threaded `balancedMetric` (main entry) with any number of workers.
 *
 * @example
 * ```ts
 * import { balancedMetricParallel } from "@descent/kahler-grassmannian/node";
 * const { H } = await balancedMetricParallel(cloud, sectionBasis(4), { workers: 2 });
 * ```
 */
import {
  assertInteger,
  assertPositive,
  type CMatrix,
  cmatrix,
  DescentError,
  hermitianInverse,
} from "@descent/core-tensor";
import { WorkerPool, type WorkerTask } from "@descent/core-tensor/node";
import {
  assertEnoughPoints,
  type BalancedMetricOptions,
  type BalancedMetricResult,
  initialH,
  relativeChange,
  symmetriseToTrace,
} from "./balanced-metric.js";
import type { TOperatorChunkInput } from "./chunk-worker.js";
import type { PointCloud } from "./point-cloud.js";
import type { SectionBasis } from "./section-basis.js";
import { addInto, normaliseTOperator, pointChunks } from "./t-operator.js";

/** A pool of workers that evaluate the T-operator; call `close()` when done. */
export interface TOperatorPool {
  /** Number of worker threads. */
  readonly size: number;
  /** M(H) over the cloud, identical to `tOperator(cloud, basis, H)`. */
  tOperator(
    cloud: PointCloud,
    basis: SectionBasis,
    H: CMatrix,
    options?: { chunkPoints?: number; signal?: AbortSignal },
  ): Promise<CMatrix>;
  /** Terminates the workers. */
  close(): Promise<void>;
}

async function workerTask(): Promise<WorkerTask> {
  const { existsSync } = await import("node:fs");
  const { fileURLToPath, pathToFileURL } = await import("node:url");
  // built package: dist/chunk-worker.js beside this file
  for (const name of ["./chunk-worker.js", "./chunk-worker.mjs"]) {
    const built = new URL(name, import.meta.url);
    if (built.protocol === "file:" && existsSync(fileURLToPath(built)))
      return { module: built, name: "tOperatorChunk" };
  }
  // from sources (tests, `node --import tsx`): a bootstrap that registers tsx and the `source` export
  // condition inside the worker, then re-exports the TypeScript module
  const { createRequire } = await import("node:module");
  const tsxApi = createRequire(import.meta.url)
    .resolve("tsx/esm/api")
    .replace(/index\.cjs$/, "index.mjs");
  const source = new URL("./chunk-worker.ts", import.meta.url).href;
  const hook =
    "data:text/javascript," +
    encodeURIComponent(
      "export async function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, 'source'] }); }",
    );
  const bootstrap = [
    `import { register } from "node:module";`,
    `register(${JSON.stringify(hook)});`,
    `const tsx = await import(${JSON.stringify(pathToFileURL(tsxApi).href)});`,
    "tsx.register();",
    `const m = await import(${JSON.stringify(source)});`,
    "export const tOperatorChunk = m.tOperatorChunk;",
  ].join("\n");
  return { module: `data:text/javascript,${encodeURIComponent(bootstrap)}`, name: "tOperatorChunk" };
}

/** A section table in shared memory; `filled` once every row has been computed. */
interface SharedTable {
  re: Float64Array;
  im: Float64Array;
  filled: boolean;
}

function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * length));
}

function sharedCopy<T extends Float64Array | Uint8Array>(a: T): T {
  const out = (
    a instanceof Float64Array
      ? new Float64Array(new SharedArrayBuffer(a.byteLength))
      : new Uint8Array(new SharedArrayBuffer(a.byteLength))
  ) as T;
  out.set(a as never);
  return out;
}

/** A copy of the cloud in shared memory: sent to the workers by reference on every call. */
function sharePointCloud(cloud: PointCloud): PointCloud {
  return {
    n: cloud.n,
    psi: cloud.psi,
    zRe: sharedCopy(cloud.zRe),
    zIm: sharedCopy(cloud.zIm),
    patch: sharedCopy(cloud.patch),
    elim: sharedCopy(cloud.elim),
    dzeRe: sharedCopy(cloud.dzeRe),
    dzeIm: sharedCopy(cloud.dzeIm),
    absDQe2: sharedCopy(cloud.absDQe2),
    weight: sharedCopy(cloud.weight),
  };
}

/**
 * Starts `workers` threads that evaluate T-operator chunks.
 *
 * @throws {DescentError} naming `workers` unless it is an integer in [1, 64].
 */
export async function createTOperatorPool(options: { workers?: number } = {}): Promise<TOperatorPool> {
  const workers = options.workers ?? 2;
  assertInteger(workers, "workers", { min: 1, max: 64 });
  const task = await workerTask();
  const pool = await WorkerPool.create({ size: workers });
  // per cloud: its shared copy and the shared section tables already filled (one per basis in use)
  const shared = new WeakMap<PointCloud, { cloud: PointCloud; tables: Map<SectionBasis, SharedTable> }>();
  return {
    size: workers,
    async tOperator(cloud, basis, H, opts = {}) {
      let entry = shared.get(cloud);
      if (entry === undefined) {
        entry = { cloud: sharePointCloud(cloud), tables: new Map() };
        shared.set(cloud, entry);
      }
      let table = entry.tables.get(basis);
      if (table === undefined) {
        // one table per cloud at a time: a new basis replaces the previous one's memory
        entry.tables.clear();
        table = {
          re: sharedFloat64(cloud.n * basis.size),
          im: sharedFloat64(cloud.n * basis.size),
          filled: false,
        };
        entry.tables.set(basis, table);
      }
      const chunks = pointChunks(cloud.n, opts.chunkPoints);
      // rows are per point, so a table filled under one chunking serves any other; a first use that did
      // not complete (aborted) leaves it unfilled and the next call fills it again
      const mustFill = !table.filled;
      const sharedCloud = entry.cloud;
      const t = table;
      const inputs: TOperatorChunkInput[] = chunks.map(({ start, end }) => ({
        cloud: sharedCloud,
        basis,
        H,
        start,
        end,
        tableRe: t.re,
        tableIm: t.im,
        fill: mustFill,
      }));
      const sum = await pool.mapReduce<TOperatorChunkInput, CMatrix, CMatrix>(
        task,
        inputs,
        (acc, part) => {
          addInto(acc, part);
          return acc;
        },
        cmatrix(basis.size, basis.size),
        opts.signal === undefined ? {} : { signal: opts.signal },
      );
      t.filled = true;
      return normaliseTOperator(sum, cloud);
    },
    close: () => pool.close(),
  };
}

/**
 * `balancedMetric` (main entry) with the T-operator on worker threads; same options plus `workers`
 * (default 2) or an existing `pool` (left open), same result bit for bit.
 */
export async function balancedMetricParallel(
  cloud: PointCloud,
  basis: SectionBasis,
  options: BalancedMetricOptions & { workers?: number; pool?: TOperatorPool } = {},
): Promise<BalancedMetricResult> {
  const iterations = options.iterations ?? 10;
  const tolerance = options.tolerance ?? 1e-8;
  assertInteger(iterations, "iterations", { min: 0 });
  assertPositive(tolerance, "tolerance");
  assertEnoughPoints(cloud, basis);
  const pool =
    options.pool ??
    (await createTOperatorPool(options.workers === undefined ? {} : { workers: options.workers }));
  try {
    let H = symmetriseToTrace(initialH(basis, options.init));
    let change = Number.POSITIVE_INFINITY;
    let r = 0;
    while (r < iterations) {
      if (options.signal?.aborted) {
        throw new DescentError("balancedMetricParallel aborted", { parameter: "signal", code: "aborted" });
      }
      const M = await pool.tOperator(cloud, basis, H, {
        ...(options.chunkPoints === undefined ? {} : { chunkPoints: options.chunkPoints }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      const next = symmetriseToTrace(hermitianInverse(M));
      change = relativeChange(next, H);
      H = next;
      r++;
      options.onProgress?.({ iteration: r, change, H });
      if (change < tolerance) break;
    }
    return { H, iterations: r, change };
  } finally {
    if (options.pool === undefined) await pool.close();
  }
}
