/**
 * The random projection of black-box prompt tuning (BBT, Sun et al., ICML 2022; docs/method.md §d.2, e.3): a
 * low-dimensional vector z ∈ ℝ^d is mapped to the P numbers a model exposes (a soft prompt, a head, a
 * bias) as `offset + A z` with a fixed seeded A ∈ ℝ^{P×d}, so that a black-box optimiser searches d ≪ P
 * dimensions. A is stored densely in float64 (P·d·8 bytes).
 */
import { assertAllFinite, assertInteger, assertLength, assertPositive, Rng } from "@descent/core-tensor";
import { assertOptionsObject } from "./options-object.js";

/** Options of {@link RandomProjection}. */
export interface RandomProjectionOptions {
  /** d, the searched dimension (BBT: 500). */
  inputDim: number;
  /** P, the number of model values reached. */
  outputDim: number;
  /** Standard deviation of A's entries. Default 1/√d (docs/method.md §e.3: N(0, 1/d)). */
  std?: number;
  /** Added to A z (e.g. the model's current values, so z = 0 leaves the model unchanged). Default 0. */
  offset?: ArrayLike<number>;
  /** Seed of A. Default 0. */
  seed?: number;
}

/** z ↦ offset + A z. */
export class RandomProjection {
  readonly inputDim: number;
  readonly outputDim: number;
  /** A, row-major P × d. */
  readonly matrix: Float64Array;
  readonly offset: Float64Array;

  constructor(options: RandomProjectionOptions) {
    assertOptionsObject(options, "options", ["inputDim", "outputDim", "std", "offset", "seed"]);
    const { inputDim, outputDim } = options;
    assertInteger(inputDim, "inputDim", { min: 1 });
    assertInteger(outputDim, "outputDim", { min: 1 });
    const std = options.std ?? 1 / Math.sqrt(inputDim);
    assertPositive(std, "std");
    const seed = options.seed ?? 0;
    assertInteger(seed, "seed", { min: 0, max: Number.MAX_SAFE_INTEGER });
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.matrix = new Rng(seed).normalArray(inputDim * outputDim, 0, std);
    if (options.offset !== undefined) {
      assertLength(options.offset, "offset", outputDim);
      assertAllFinite(options.offset, "offset");
      this.offset = Float64Array.from(options.offset);
    } else {
      this.offset = new Float64Array(outputDim);
    }
  }

  /** offset + A z (into `out` when given). */
  apply(z: ArrayLike<number>, out: Float64Array = new Float64Array(this.outputDim)): Float64Array {
    if (z.length !== this.inputDim) assertLength(z, "z", this.inputDim);
    const d = this.inputDim;
    const a = this.matrix;
    for (let p = 0; p < this.outputDim; p++) {
      let s = this.offset[p] as number;
      const row = p * d;
      for (let j = 0; j < d; j++) s += (a[row + j] as number) * (z[j] as number);
      out[p] = s;
    }
    return out;
  }
}
