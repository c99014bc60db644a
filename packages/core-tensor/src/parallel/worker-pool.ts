/**
 * `WorkerPool`: a tiny `worker_threads` pool (Node only) that maps a module-level function over chunks
 * of work in parallel and reduces the results in a fixed order, so that the result does not depend on
 * the number of workers or on which worker finishes first (a floating-point sum is reproducible bit
 * for bit). Meant for embarrassingly parallel float64 loops such as per-sample energies, Hessians or
 * Monte Carlo chains (kahler-grassmannian, hi-fm), not for tfjs work: each worker is a plain JS
 * thread without the tfjs engine of the main thread.
 *
 * The function runs in another thread, so it is named by module and export (`{ module, name }`), not
 * passed as a closure; the module must be loadable by Node itself (a `.js`/`.mjs` file, or a `.ts`
 * file when Node runs with a TypeScript loader that workers inherit). Inputs and outputs cross threads
 * by structured clone (typed arrays are copied). For reproducibility, choose the chunks independently
 * of the pool size (e.g. with `chunkRanges` and a fixed chunk count) and give each chunk its own
 * seed (e.g. `rng.forkMany(chunks)` states).
 *
 * Public through the Node-only entry `@descent/core-tensor/node`, never the main entry, so that browser
 * bundles of core-tensor never reach `node:worker_threads`, `node:os` or `node:url`; those are imported
 * inside {@link WorkerPool.create}, which throws a {@link DescentError} on runtimes that lack them.
 *
 * @example
 * ```ts
 * // energies.mjs: export function energyOfRange({ start, end }) { ... return number; }
 * import { chunkRanges, WorkerPool } from "@descent/core-tensor/node";
 * const pool = await WorkerPool.create({ size: 2 });
 * const task = { module: new URL("./energies.mjs", import.meta.url), name: "energyOfRange" };
 * const total = await pool.mapReduce(task, chunkRanges(n, 16), (sum, e: number) => sum + e, 0);
 * await pool.close();
 * ```
 */
import type { Worker } from "node:worker_threads";
import { DescentError, describeValue } from "../errors.js";
import { assertInteger } from "../validate.js";

/** A module-level function that workers call: the module's URL or absolute path, and the export name. */
export interface WorkerTask {
  /** `file:` URL or absolute path of an ES module (or CommonJS file) that Node can import. */
  module: string | URL;
  /** Name of the exported function; it receives one input and returns an output or a promise of one. */
  name: string;
}

/** Options of {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /**
   * Number of worker threads. Default: available parallelism − 1 (leaving the main thread a core),
   * at least 1 and at most 8. Our choice.
   */
  size?: number;
}

/** Options of {@link WorkerPool.map} and {@link WorkerPool.mapReduce}. */
export interface WorkerMapOptions {
  /** Called after each finished input with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Aborting rejects the call with a {@link DescentError} (code "aborted"); running inputs finish unobserved. */
  signal?: AbortSignal;
}

// The worker's program, evaluated as a CommonJS script: it imports task modules on demand (cached)
// and answers each {id, module, name, input} message with {id, ok, output | error}.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const modules = new Map();
parentPort.on("message", async ({ id, module, name, input }) => {
  try {
    let loaded = modules.get(module);
    if (loaded === undefined) { loaded = import(module); modules.set(module, loaded); }
    const fn = (await loaded)[name];
    if (typeof fn !== "function") throw new Error("export " + JSON.stringify(name) + " of " + module + " is not a function");
    parentPort.postMessage({ id, ok: true, output: await fn(input) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error instanceof Error ? (error.stack || error.message) : String(error) });
  }
});
`;

interface Pending {
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

function moduleSpecifier(module: unknown, pathToFileUrl: (path: string) => URL): string {
  if (module instanceof URL) return module.href;
  if (typeof module === "string" && module.length > 0) {
    return /^[a-z][a-z0-9+.-]*:/i.test(module) && !/^[a-z]:[\\/]/i.test(module)
      ? module
      : pathToFileUrl(module).href;
  }
  throw new DescentError(`task.module must be a URL or an absolute path, received ${describeValue(module)}`, {
    parameter: "task.module",
    code: "type",
  });
}

/** A fixed-size pool of worker threads; see the module doc. Call {@link WorkerPool.close} when done. */
export class WorkerPool {
  /** Number of worker threads. */
  readonly size: number;
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ message: object; pending: Pending }> = [];
  private readonly inFlight = new Map<number, { worker: Worker; pending: Pending }>();
  private nextId = 0;
  private closed = false;

  private readonly pathToFileUrl: (path: string) => URL;

  /**
   * Starts a pool of `size` worker threads (see {@link WorkerPoolOptions}). Throws a
   * {@link DescentError} for a bad size, or when `node:worker_threads` is unavailable (browsers).
   */
  static async create(options: WorkerPoolOptions = {}): Promise<WorkerPool> {
    if (options.size !== undefined) assertInteger(options.size, "size", { min: 1, max: 256 });
    let threads: typeof import("node:worker_threads");
    let os: typeof import("node:os");
    let url: typeof import("node:url");
    try {
      [threads, os, url] = await Promise.all([
        import("node:worker_threads"),
        import("node:os"),
        import("node:url"),
      ]);
    } catch (error) {
      throw new DescentError("WorkerPool needs Node's worker_threads, which this runtime lacks", {
        code: "unsupported",
        cause: error,
      });
    }
    const size = options.size ?? Math.min(8, Math.max(1, os.availableParallelism() - 1));
    return new WorkerPool(threads.Worker, size, url.pathToFileURL);
  }

  private constructor(WorkerClass: typeof Worker, size: number, pathToFileUrl: (path: string) => URL) {
    this.size = size;
    this.pathToFileUrl = pathToFileUrl;
    for (let i = 0; i < size; i++) {
      const worker = new WorkerClass(WORKER_SOURCE, { eval: true });
      worker.on("message", (reply: { id: number; ok: boolean; output?: unknown; error?: string }) => {
        const entry = this.inFlight.get(reply.id);
        if (entry === undefined) return;
        this.inFlight.delete(reply.id);
        if (reply.ok) entry.pending.resolve(reply.output);
        else entry.pending.reject(new DescentError(`worker task failed: ${reply.error}`, { code: "worker" }));
        this.release(worker);
      });
      worker.on("error", (error) => {
        for (const [id, entry] of this.inFlight) {
          if (entry.worker !== worker) continue;
          this.inFlight.delete(id);
          entry.pending.reject(
            new DescentError(`worker crashed: ${error.message}`, { code: "worker", cause: error }),
          );
        }
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  private release(worker: Worker): void {
    const next = this.queue.shift();
    if (next === undefined) {
      this.idle.push(worker);
      return;
    }
    this.dispatch(worker, next.message, next.pending);
  }

  private dispatch(worker: Worker, message: object, pending: Pending): void {
    const id = this.nextId++;
    this.inFlight.set(id, { worker, pending });
    worker.postMessage({ ...message, id });
  }

  private run(message: object): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const pending = { resolve, reject };
      const worker = this.idle.pop();
      if (worker === undefined) this.queue.push({ message, pending });
      else this.dispatch(worker, message, pending);
    });
  }

  private check(task: WorkerTask, inputs: readonly unknown[]): string {
    if (this.closed) throw new DescentError("the worker pool is closed", { code: "closed" });
    if (task === null || typeof task !== "object") {
      throw new DescentError(`task must be { module, name }, received ${describeValue(task)}`, {
        parameter: "task",
        code: "type",
      });
    }
    if (typeof task.name !== "string" || task.name.length === 0) {
      throw new DescentError(`task.name must be a non-empty string, received ${describeValue(task.name)}`, {
        parameter: "task.name",
        code: "type",
      });
    }
    if (!Array.isArray(inputs)) {
      throw new DescentError(`inputs must be an array, received ${describeValue(inputs)}`, {
        parameter: "inputs",
        code: "type",
      });
    }
    return moduleSpecifier(task.module, this.pathToFileUrl);
  }

  /**
   * Calls the task's function on every input in parallel; resolves to the outputs in input order.
   * Rejects with a {@link DescentError} if any call throws (the first failure, with the worker's
   * stack), if `signal` aborts, or if the pool is closed.
   */
  async map<I, O>(task: WorkerTask, inputs: readonly I[], options: WorkerMapOptions = {}): Promise<O[]> {
    const module = this.check(task, inputs);
    const { onProgress, signal } = options;
    if (signal?.aborted)
      throw new DescentError("aborted before start", { parameter: "signal", code: "aborted" });
    let done = 0;
    const calls = inputs.map((input) =>
      this.run({ module, name: task.name, input }).then((output) => {
        done++;
        onProgress?.(done, inputs.length);
        return output as O;
      }),
    );
    if (signal === undefined) return Promise.all(calls);
    return new Promise<O[]>((resolve, reject) => {
      const onAbort = () => reject(new DescentError("aborted", { parameter: "signal", code: "aborted" }));
      signal.addEventListener("abort", onAbort, { once: true });
      Promise.all(calls).then(
        (outputs) => {
          signal.removeEventListener("abort", onAbort);
          resolve(outputs);
        },
        (error: unknown) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      );
    });
  }

  /**
   * {@link WorkerPool.map}, then `reduce(accumulator, output, index)` over the outputs in input order
   * starting from `initial`: the result is the same for every pool size and every finishing order.
   */
  async mapReduce<I, O, A>(
    task: WorkerTask,
    inputs: readonly I[],
    reduce: (accumulator: A, output: O, index: number) => A,
    initial: A,
    options: WorkerMapOptions = {},
  ): Promise<A> {
    if (typeof reduce !== "function") {
      throw new DescentError(`reduce must be a function, received ${describeValue(reduce)}`, {
        parameter: "reduce",
        code: "type",
      });
    }
    const outputs = await this.map<I, O>(task, inputs, options);
    return outputs.reduce(reduce, initial);
  }

  /** Terminates every worker; pending calls reject. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const { pending } of this.queue)
      pending.reject(new DescentError("the worker pool was closed", { code: "closed" }));
    this.queue.length = 0;
    for (const { pending } of this.inFlight.values()) {
      pending.reject(new DescentError("the worker pool was closed", { code: "closed" }));
    }
    this.inFlight.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
