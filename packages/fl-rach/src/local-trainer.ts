/**
 * The model side of RACH-FL, behind one interface (docs/method.md §g): the simulator only needs the local update
 * Δ_{u,t} = w_{u,t}^{(E)} − w_t of user u in frame t, computed from the broadcast model (docs/method.md §c.1 step 2).
 * {@link tfjsMlpTrainer} trains an MLP on tfjs; {@link leastSquaresTrainer} is the float64 reference of the
 * oracles of docs/method.md §f; any other model plugs in the same way.
 */
import type { RandomSource } from "./random-source.js";

/** A model's local training, seen from the simulator. */
export interface LocalTrainer {
  /** d, the number of (flattened) model parameters. */
  readonly dimension: number;
  /** Number of users whose data the trainer holds. */
  readonly users: number;
  /**
   * Runs local training of `user` from the broadcast `global` and returns Δ = w_local − global (length d).
   * Must be deterministic given `(global, user, frame, rng)`; sampling draws come from `rng`.
   */
  localUpdate(
    global: Float32Array | Float64Array,
    user: number,
    frame: number,
    rng: RandomSource,
  ): Promise<Float32Array | Float64Array> | Float32Array | Float64Array;
}
