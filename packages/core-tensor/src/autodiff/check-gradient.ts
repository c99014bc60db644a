/**
 * Finite-difference gradient checkers for tests: `checkGradient` compares tfjs autodiff with central
 * differences of a tensor function, `checkGradient64` compares a hand-derived float64 gradient with
 * central differences of a float64 function. Both check random unit directions and single
 * coordinates, and return the worst relative error, a verdict and the details of every comparison.
 *
 * How a comparison works: with x± = x ± h·d (d a unit direction or a coordinate vector), the central
 * difference (f(x⁺) − f(x⁻)) / (2h) is compared with ∇f(x)·(x⁺ − x⁻) / (2h). Using the displacement
 * actually stored (after rounding x± to float32) instead of 2h·d removes the input-rounding error; the
 * rest is O(h²) truncation plus the rounding of f, O(ε·|f|/h).
 *
 * Step sizes that work (platform notes §2 and the tests here): in float32, h ≈ 1e-2 … 1e-3
 * (smaller steps drown in rounding: ε₃₂ ≈ 6e-8, so ε|f|/h is already 6e-5·|f| at h = 1e-3), with a
 * tolerance of ~1e-2; in float64, h ≈ 1e-5 … 1e-6 with a tolerance of ~1e-6.
 *
 * @example
 * ```ts
 * const r = checkGradient((w) => mlpLoss(w), w);              // tfjs autodiff vs central differences
 * expect(r.ok).toBe(true);
 * const r64 = checkGradient64(energy, energyGradient, x64);   // hand-derived float64 gradient
 * ```
 */
import { tf } from "../backend.js";
import { DescentError } from "../errors.js";
import { Rng } from "../rng.js";
import { assertInteger, assertNonNegative, assertPositive } from "../validate.js";
import { assertFunction, assertScalarOutput, toTensorList } from "./tensor-arguments.js";
import { scalarValueAndGrads } from "./value-and-grads.js";

/** Options of {@link checkGradient} and {@link checkGradient64}. Every field has a documented default. */
export interface CheckGradientOptions {
  /**
   * Finite-difference step along each unit direction or coordinate. Default 1e-2 in
   * {@link checkGradient} (float32; platform notes §2) and 1e-6 in {@link checkGradient64}
   * (≈ ε₆₄^{1/3}, the central-difference optimum for |f| ~ |f'''| ~ 1).
   */
  h?: number;
  /** Largest accepted relative error. Default 1e-2 (float32) and 1e-6 (float64). Our choice. */
  tolerance?: number;
  /** Number of random unit directions (normal, normalised) to check. Default 3. Our choice. */
  directions?: number;
  /**
   * Coordinates to check one at a time: a count of distinct random coordinates, or `"all"`.
   * Default: all when x has at most 32 entries, else 16 random ones. Our choice.
   */
  coordinates?: number | "all";
  /** Seed of the directions and coordinates (core-tensor's `Rng`). Default 0. */
  seed?: number;
  /**
   * Denominator floor, relative to the largest gradient entry: the relative error of a comparison is
   * |autodiff − fd| / max(|autodiff|, |fd|, floor·‖∇f‖∞), so a coordinate whose derivative is ~0 is
   * judged on the gradient's scale instead of its own. Default 1e-2 (float32) and 1e-6 (float64).
   * Our choice.
   */
  floor?: number;
  /**
   * An absolute error that always passes: the denominator is also at least
   * `absoluteTolerance / tolerance`, so |autodiff − fd| ≤ absoluteTolerance gives a relative error
   * ≤ tolerance. Needed at stationary points (∇f = 0), where every relative error is 0/0-like and the
   * central difference still carries its O(h²) truncation. Default 0. Our choice.
   */
  absoluteTolerance?: number;
}

/** One comparison made by a gradient check. */
export interface GradientCheckDetail {
  /** A random unit direction or a single coordinate. */
  kind: "direction" | "coordinate";
  /** The direction's number, or the coordinate's index in the flattened (concatenated) x. */
  index: number;
  /** For coordinates of a list of tensors: which tensor of the list. */
  tensor?: number;
  /** For coordinates: the entry within that tensor (row-major). */
  entry?: number;
  /** Directional derivative from the gradient under test: ∇f·Δ / (2h). */
  gradient: number;
  /** Central difference (f(x⁺) − f(x⁻)) / (2h). */
  finiteDifference: number;
  /** |gradient − finiteDifference| / max(|gradient|, |finiteDifference|, floor·‖∇f‖∞, absoluteTolerance/tolerance). */
  relativeError: number;
}

/** Result of a gradient check. */
export interface GradientCheckResult {
  /** The largest relative error over all comparisons. */
  maxRelativeError: number;
  /** `maxRelativeError <= tolerance`, and every value was finite. */
  ok: boolean;
  /** Every comparison made, directions first. */
  details: GradientCheckDetail[];
}

interface ResolvedOptions {
  h: number;
  tolerance: number;
  directions: number;
  /** `undefined`: decided from the size of x in {@link compare}. */
  coordinates: number | "all" | undefined;
  seed: number;
  floor: number;
  absoluteTolerance: number;
}

function resolveOptions(
  options: CheckGradientOptions,
  defaults: { h: number; tolerance: number; floor: number },
): ResolvedOptions {
  const {
    h = defaults.h,
    tolerance = defaults.tolerance,
    directions = 3,
    coordinates,
    seed = 0,
    floor = defaults.floor,
    absoluteTolerance = 0,
  } = options;
  assertPositive(h, "h");
  assertPositive(tolerance, "tolerance");
  assertInteger(directions, "directions", { min: 0 });
  if (coordinates !== undefined && coordinates !== "all")
    assertInteger(coordinates, "coordinates", { min: 0 });
  assertInteger(seed, "seed");
  assertNonNegative(floor, "floor");
  assertNonNegative(absoluteTolerance, "absoluteTolerance");
  return { h, tolerance, directions, coordinates, seed, floor, absoluteTolerance };
}

/**
 * The comparison loop shared by both checkers (internal). `evaluate` returns f at a flat point,
 * `store` rounds a flat point to the precision f sees (float32 or float64).
 */
function compare(
  evaluate: (point: Float64Array) => number,
  store: (point: Float64Array) => Float64Array,
  x: Float64Array,
  gradient: Float64Array,
  options: ResolvedOptions,
  locate: (index: number) => { tensor?: number; entry?: number },
): GradientCheckResult {
  const n = x.length;
  const { h, tolerance, directions, seed, floor, absoluteTolerance } = options;
  const coordinates = options.coordinates ?? (n <= 32 ? "all" : 16);
  if (directions === 0 && coordinates === 0) {
    throw new DescentError("directions and coordinates must not both be 0: nothing would be checked", {
      parameter: "directions",
      code: "range",
    });
  }
  let gradientScale = 0;
  for (let i = 0; i < n; i++) gradientScale = Math.max(gradientScale, Math.abs(gradient[i] as number));
  const rng = new Rng(seed);
  const details: GradientCheckDetail[] = [];
  let allFinite = gradient.every(Number.isFinite);

  const probe = (
    direction: Float64Array,
  ): { gradient: number; finiteDifference: number; relativeError: number } => {
    const plus = new Float64Array(n);
    const minus = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      plus[i] = (x[i] as number) + h * (direction[i] as number);
      minus[i] = (x[i] as number) - h * (direction[i] as number);
    }
    const xPlus = store(plus);
    const xMinus = store(minus);
    let projected = 0;
    for (let i = 0; i < n; i++)
      projected += (gradient[i] as number) * ((xPlus[i] as number) - (xMinus[i] as number));
    const fd = (evaluate(xPlus) - evaluate(xMinus)) / (2 * h);
    const ad = projected / (2 * h);
    if (!Number.isFinite(fd) || !Number.isFinite(ad)) allFinite = false;
    const denominator = Math.max(
      Math.abs(ad),
      Math.abs(fd),
      floor * gradientScale,
      absoluteTolerance / tolerance,
      Number.MIN_VALUE,
    );
    return { gradient: ad, finiteDifference: fd, relativeError: Math.abs(ad - fd) / denominator };
  };

  for (let k = 0; k < directions; k++) {
    const d = rng.normalArray(n);
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (d[i] as number) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) d[i] = (d[i] as number) / norm;
    details.push({ kind: "direction", index: k, ...probe(d) });
  }
  const chosen =
    coordinates === "all" || coordinates >= n
      ? Array.from({ length: n }, (_, i) => i)
      : Array.from(rng.sampleWithoutReplacement(n, coordinates)).sort((a, b) => a - b);
  for (const index of chosen) {
    const e = new Float64Array(n);
    e[index] = 1;
    details.push({ kind: "coordinate", index, ...locate(index), ...probe(e) });
  }
  const maxRelativeError = details.reduce(
    (m, d) => Math.max(m, Number.isNaN(d.relativeError) ? Number.POSITIVE_INFINITY : d.relativeError),
    0,
  );
  return { maxRelativeError, ok: allFinite && maxRelativeError <= tolerance, details };
}

/**
 * Checks tfjs autodiff of the scalar function `f` at `x` (one float32 tensor, or a list that `f`
 * receives as separate arguments) against central finite differences, on `directions` random unit
 * directions and on single coordinates (see {@link CheckGradientOptions} for the defaults). `f` is
 * evaluated in float32, so keep h around 1e-2 … 1e-3. Disposes everything it creates. Throws a
 * {@link DescentError} for a bad `x`, options out of range, or `f` not returning a scalar.
 */
export function checkGradient(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  x: tf.Tensor | tf.Tensor[],
  options: CheckGradientOptions = {},
): GradientCheckResult {
  assertFunction(f, "f");
  const xs = toTensorList(x, "x");
  const resolved = resolveOptions(options, { h: 1e-2, tolerance: 1e-2, floor: 1e-2 });
  const sizes = xs.map((t) => t.size);
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  const n = sizes.reduce((a, b) => a + b, 0);
  const flat = new Float64Array(n);
  xs.forEach((t, i) => {
    flat.set(t.dataSync(), offsets[i]);
  });
  const gradient = new Float64Array(n);
  tf.tidy(() => {
    const { grads } = scalarValueAndGrads(() => f(...xs), xs);
    grads.forEach((g, i) => {
      gradient.set(g.dataSync(), offsets[i]);
    });
  });
  const evaluate = (point: Float64Array): number =>
    tf.tidy(() => {
      const args = xs.map((t, i) =>
        tf.tensor(
          Float32Array.from(
            point.subarray(offsets[i] as number, (offsets[i] as number) + (sizes[i] as number)),
          ),
          t.shape,
          "float32",
        ),
      );
      const y = f(...args);
      assertScalarOutput(y, "f");
      return y.dataSync()[0] as number;
    });
  const store = (point: Float64Array): Float64Array => Float64Array.from(Float32Array.from(point));
  const single = !Array.isArray(x);
  const locate = (index: number) => {
    if (single) return { entry: index };
    let tensor = 0;
    while (tensor + 1 < offsets.length && index >= (offsets[tensor + 1] as number)) tensor++;
    return { tensor, entry: index - (offsets[tensor] as number) };
  };
  return compare(evaluate, store, flat, gradient, resolved, locate);
}

/**
 * Checks a hand-derived float64 gradient `grad` of `f` at `x` against central finite differences of
 * `f`, all in float64 (defaults h = 1e-6, tolerance 1e-6, floor 1e-6; see
 * {@link CheckGradientOptions}). Used for analytic energies and Hessian-free gradients written on
 * `Float64Array`. Throws a {@link DescentError} for an empty or non-finite `x`, a `grad` of the wrong
 * length, a non-finite `f(x)`, or options out of range.
 */
export function checkGradient64(
  f: (x: Float64Array) => number,
  grad: (x: Float64Array) => Float64Array,
  x: Float64Array,
  options: CheckGradientOptions = {},
): GradientCheckResult {
  assertFunction(f, "f");
  assertFunction(grad, "grad");
  if (!(x instanceof Float64Array) || x.length === 0) {
    throw new DescentError(
      `x must be a non-empty Float64Array, received ${x instanceof Float64Array ? "an empty one" : typeof x}`,
      { parameter: "x", code: "type" },
    );
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new DescentError(`x must contain only finite values, found ${x[i]} at index ${i}`, {
        parameter: "x",
        code: "finite",
      });
    }
  }
  const resolved = resolveOptions(options, { h: 1e-6, tolerance: 1e-6, floor: 1e-6 });
  const x0 = Float64Array.from(x);
  const f0 = f(Float64Array.from(x0));
  if (typeof f0 !== "number" || !Number.isFinite(f0)) {
    throw new DescentError(`f must return a finite number at x, returned ${String(f0)}`, {
      parameter: "f",
      code: "finite",
    });
  }
  const g = grad(Float64Array.from(x0));
  if (!(g instanceof Float64Array) || g.length !== x0.length) {
    throw new DescentError(
      `grad must return a Float64Array of length ${x0.length}, returned ${g instanceof Float64Array ? `length ${g.length}` : typeof g}`,
      { parameter: "grad", code: "shape" },
    );
  }
  return compare(
    (point) => f(Float64Array.from(point)),
    (point) => point,
    x0,
    Float64Array.from(g),
    resolved,
    (index) => ({ entry: index }),
  );
}
