/**
 * The flat-versus-sharp landscape of docs/method.md §e.2 (the headline experiment): in every coordinate a deep sharp
 * well at −1 and a slightly shallower flat well at +1,
 *
 *   h(u) = −1.0·exp(−(u+1)²/(2·0.05²)) − 0.7·exp(−(u−1)²/(2·0.5²)),   F_train(x) = (1/d) Σ_j h(x_j),
 *
 * and a "test" objective F_test(x) = (1/d) Σ_j h(x_j − ξ_j) with a fixed seeded shift ξ_j ~ N(0, shiftStd²),
 * which destroys the sharp wells and barely moves the flat ones.
 */
import { assertInteger, assertLength, assertNonNegative, Rng } from "@descent/core-tensor";
import type { Vector } from "./ask-tell.js";
import { assertOptionsObject } from "./options-object.js";

/** Options of {@link twoBasinTask}. */
export interface TwoBasinOptions {
  /** d. */
  dim: number;
  /** Standard deviation of the train/test shift ξ. Default 0.1 (docs/method.md §e.2). */
  shiftStd?: number;
  /** Seed of ξ. */
  seed: number;
  /** Depth, centre and width of the sharp well. Defaults 1.0, −1, 0.05 (docs/method.md §e.2). */
  sharp?: { depth?: number; center?: number; width?: number };
  /** Depth, centre and width of the flat well. Defaults 0.7, +1, 0.5 (docs/method.md §e.2). */
  flat?: { depth?: number; center?: number; width?: number };
}

/** The task: objectives and the flat-well fraction. */
export interface TwoBasinTask {
  readonly dim: number;
  /** F_train. */
  train(x: Vector): number;
  /** F_test. */
  test(x: Vector): number;
  /** Fraction of coordinates in the flat well (x_j > midpoint of the two centres, 0 by default). */
  fracFlat(x: Vector): number;
  /** The shift ξ (a copy). */
  readonly shift: Float64Array;
  /** The one-dimensional profile h. */
  profile(u: number): number;
}

/** Builds docs/method.md §e.2 task. */
export function twoBasinTask(options: TwoBasinOptions): TwoBasinTask {
  assertOptionsObject(options, "options", ["dim", "shiftStd", "seed", "sharp", "flat"]);
  const { dim, seed } = options;
  assertInteger(dim, "dim", { min: 1 });
  assertInteger(seed, "seed", { min: 0, max: Number.MAX_SAFE_INTEGER });
  const shiftStd = options.shiftStd ?? 0.1;
  assertNonNegative(shiftStd, "shiftStd");
  const sd = options.sharp?.depth ?? 1.0;
  const sc = options.sharp?.center ?? -1;
  const sw = options.sharp?.width ?? 0.05;
  const fd = options.flat?.depth ?? 0.7;
  const fc = options.flat?.center ?? 1;
  const fw = options.flat?.width ?? 0.5;
  for (const [v, n] of [
    [sd, "sharp.depth"],
    [sw, "sharp.width"],
    [fd, "flat.depth"],
    [fw, "flat.width"],
  ] as const)
    assertNonNegative(v, n);
  const midpoint = 0.5 * (sc + fc);
  const shift = new Rng(seed).normalArray(dim, 0, shiftStd);
  const checkLength = (x: Vector) => {
    if (x.length !== dim) assertLength(x, "x", dim);
  };
  const profile = (u: number) =>
    -sd * Math.exp(-((u - sc) ** 2) / (2 * sw * sw)) - fd * Math.exp(-((u - fc) ** 2) / (2 * fw * fw));
  return {
    dim,
    train(x) {
      checkLength(x);
      let s = 0;
      for (let j = 0; j < dim; j++) s += profile(x[j] as number);
      return s / dim;
    },
    test(x) {
      checkLength(x);
      let s = 0;
      for (let j = 0; j < dim; j++) s += profile((x[j] as number) - (shift[j] as number));
      return s / dim;
    },
    fracFlat(x) {
      checkLength(x);
      let c = 0;
      for (let j = 0; j < dim; j++) if ((x[j] as number) > midpoint) c++;
      return c / dim;
    },
    shift: shift.slice(),
    profile,
  };
}
