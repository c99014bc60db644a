/**
 * The one batch builder of flow matching (docs/method.md, "Training"): draws training points, flow
 * times and prior samples, optionally re-pairs prior and data samples by exact minibatch OT, and
 * returns `(t, x_t, target)` in float32 for any {@link ConditionalPath}. Models never see `x_1`.
 */
import {
  assertInRange,
  assertInteger,
  assertKnownOptions,
  assertOneOf,
  type Rng,
} from "@descent/core-tensor";
import { assertPath, assertRng } from "./argument-types.js";
import { solveAssignment } from "./assignment.js";
import type { ConditionalPath } from "./conditional-path.js";
import { type Prior, samplePriorInto } from "./prior.js";

/** Options of {@link flowMatchingBatch}. */
export interface BatchOptions {
  /** Flow times are drawn from `U[0, tMax]`. Default `1 − 1e-5` (our choice: keeps targets finite). */
  tMax?: number;
  /**
   * `'independent'` (default): prior and data drawn independently. `'minibatch-ot'`: the prior samples
   * are re-assigned to the data samples by the exact assignment minimising `Σ ‖x_0 − x_1‖²` (OT-CFM).
   */
  coupling?: "independent" | "minibatch-ot";
}

/** A training batch: row `b` of `xt`/`target` is sample `b`. */
export interface FlowMatchingBatch {
  /** `[B]` flow times. */
  t: Float32Array;
  /** `[B·d]` row-major points on the conditional paths. */
  xt: Float32Array;
  /** `[B·d]` row-major regression targets. */
  target: Float32Array;
  /** `[B]` the training points used (for diagnostics only). */
  indices: Int32Array;
}

/** The prior matching a path: the CoM-free Gaussian for particle paths, `N(0, I)` otherwise. */
export function priorOf(path: ConditionalPath): Prior {
  assertPath(path);
  return path.layout === undefined
    ? { kind: "standard", dim: path.dim }
    : { kind: "com-free", layout: path.layout };
}

/** Builds one batch of size `batchSize` from `path`, drawing from `rng`. */
export function flowMatchingBatch(
  path: ConditionalPath,
  batchSize: number,
  rng: Rng,
  options: BatchOptions = {},
): FlowMatchingBatch {
  assertPath(path);
  assertRng(rng);
  assertKnownOptions(options, ["tMax", "coupling"]);
  const { tMax = 1 - 1e-5, coupling = "independent" } = options;
  assertInteger(batchSize, "batchSize", { min: 1 });
  assertInRange(tMax, "tMax", { min: 0, max: 1 });
  assertOneOf(coupling, "coupling", ["independent", "minibatch-ot"]);
  const d = path.dim;
  const B = batchSize;
  const prior = priorOf(path);
  const indices = new Int32Array(B);
  for (let b = 0; b < B; b++) indices[b] = rng.int(0, path.size);
  const x0 = new Float64Array(B * d);
  for (let b = 0; b < B; b++) samplePriorInto(prior, rng, x0.subarray(b * d, (b + 1) * d));
  let pairing: Int32Array | undefined;
  if (coupling === "minibatch-ot") {
    const cost = new Float64Array(B * B);
    for (let r = 0; r < B; r++) {
      const x1 = path.point(indices[r] as number);
      for (let c = 0; c < B; c++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += ((x1[k] as number) - (x0[c * d + k] as number)) ** 2;
        cost[r * B + c] = s;
      }
    }
    pairing = solveAssignment(cost, B);
  }
  const t = new Float32Array(B);
  const xt = new Float32Array(B * d);
  const target = new Float32Array(B * d);
  const bufX = new Float64Array(d);
  const bufT = new Float64Array(d);
  const noise = path.noiseScale > 0 ? new Float64Array(d) : undefined;
  for (let b = 0; b < B; b++) {
    const tb = rng.uniform(0, tMax);
    t[b] = tb;
    const src = pairing === undefined ? b : (pairing[b] as number);
    if (noise !== undefined) samplePriorInto(prior, rng, noise);
    path.flowInto(indices[b] as number, x0.subarray(src * d, (src + 1) * d), tb, bufX, bufT, noise);
    xt.set(bufX, b * d);
    target.set(bufT, b * d);
  }
  return { t, xt, target, indices };
}
