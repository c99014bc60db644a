/**
 * Server-side aggregation (docs/method.md §c.1 step 8 [C]): w_{t+1} = w_t + η_s Σ_{u∈R_t} c_u ĝ_{u,t}, with the
 * weights c_u set by `normalize`:
 * - `'received'` (default, [C]): c_u = 1/|R_t|;
 * - `'all'`: c_u = 1/N (each delivered memory counts once, like FedAvg with missing users contributing 0);
 * - `'dataSize'`: c_u = n_u / Σ_{v∈R_t} n_v.
 * Dividing by |R_t| makes the step size random (docs/method.md §h.5); report which one a plot uses.
 *
 * @example
 * ```ts
 * const agg = meanAggregator({ normalize: "all" });
 * ```
 */
import { assertOneOf, assertPositive } from "@descent/core-tensor";
import type { SparseUpdate } from "./top-k.js";

/** How delivered packets are weighted (docs/method.md §c.1 step 8). */
export type Normalization = "received" | "all" | "dataSize";

/** One delivered packet. `weight` is the user's data size n_u (used by `'dataSize'`). */
export interface ReceivedPacket {
  readonly user: number;
  readonly update: SparseUpdate;
  readonly weight: number;
}

/** Combines the packets of a frame into the next global model. */
export interface Aggregator {
  readonly name: string;
  /** Returns w_{t+1} as a new array of the same type as `w` (received is non-empty, ordered by user). */
  aggregate(
    w: Float32Array | Float64Array,
    received: readonly ReceivedPacket[],
    users: number,
  ): Float32Array | Float64Array;
}

/** Options of {@link meanAggregator}. */
export interface MeanAggregatorOptions {
  /** Server step η_s. Default 1 (docs/method.md §c.1 step 8 [C]). */
  serverLr?: number;
  /** Default `'received'` ([C]). */
  normalize?: Normalization;
}

/** The mean of the delivered sparse updates, added to w (docs/method.md §c.1 step 8). */
export function meanAggregator(options: MeanAggregatorOptions = {}): Aggregator {
  const { serverLr = 1, normalize = "received" } = options;
  assertPositive(serverLr, "serverLr");
  assertOneOf(normalize, "normalize", ["received", "all", "dataSize"]);
  return {
    name: `mean(${normalize}, η_s=${serverLr})`,
    aggregate(w, received, users) {
      const next = w.slice();
      if (received.length === 0) return next;
      let total = 0;
      for (const r of received) total += r.weight;
      // accumulate in float64 in the order of `received` (ascending user), then add once (docs/method.md §f.11)
      const acc = new Float64Array(w.length);
      for (const r of received) {
        const c =
          normalize === "received" ? 1 / received.length : normalize === "all" ? 1 / users : r.weight / total;
        const { indices, values } = r.update;
        for (let j = 0; j < indices.length; j++) {
          const i = indices[j] as number;
          acc[i] = (acc[i] as number) + c * (values[j] as number);
        }
      }
      for (let i = 0; i < next.length; i++) next[i] = (next[i] as number) + serverLr * (acc[i] as number);
      return next;
    },
  };
}
