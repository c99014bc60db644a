/**
 * The in-context tasks of the paper (docs/method.md §b, c.5, e.2): linear regression prompts whose answer is a
 * query label (prediction) or the weight vector itself (vector generation). Inputs are Gaussian, or
 * built as `X = U diag(σ) Vᵀ` with a chosen condition number κ of `XᵀX` (docs/method.md §e.2).
 */
import {
  assertInRange,
  assertInteger,
  assertNonNegative,
  DescentError,
  type Matrix64,
  matrix64,
  Rng,
  randomOrthogonal,
} from "@descent/core-tensor";

/** One in-context regression prompt: `n` examples `(x_i, y_i)`, a query `x_q` and the hidden truth. */
export interface RegressionPrompt {
  /** Inputs, `n × d`, one example per row. */
  X: Matrix64;
  /** Labels `y = X w* + ε`, length `n`. */
  y: Float64Array;
  /** Query input, length `d`. */
  xq: Float64Array;
  /** The hidden weight vector `w*` (the answer of the vector-generation task). */
  wStar: Float64Array;
  /** The hidden query label `x_qᵀ w* + ε_q` (the answer of the prediction task). */
  yq: number;
}

/** Options of {@link samplePrompt}. */
export interface SamplePromptOptions {
  /** Feature dimension `d` (integer ≥ 1). */
  d: number;
  /** Number of in-context examples `n` (integer ≥ 1; `n ≥ d` when `kappa` is given). */
  n: number;
  /** Standard deviation of the label noise ε (docs/method.md §c.5). Default `0` (noiseless, the paper's setting). */
  noise?: number;
  /**
   * Condition number of `XᵀX` (docs/method.md §h.7: κ of `XᵀX`, i.e. cond(X)²). When given, `X = U diag(σ) Vᵀ`
   * with Haar-random `U, V` and `σ` log-spaced so that `σ_max²/σ_min² = κ` (docs/method.md §e.2); when omitted the
   * rows of X are i.i.d. `N(0, I_d)` (docs/method.md §c.5). Must be ≥ 1.
   */
  kappa?: number;
  /**
   * Scale of the controlled-κ data, our choice (docs/method.md leaves it free because `η = 1/λ_max` makes GD
   * scale invariant): the largest eigenvalue of `Ŝ = XᵀX/n`. Default `1`.
   */
  lambdaMax?: number;
  /** Seed of the draw (integer ≥ 0) or an `Rng` stream to draw from. Default `0`. */
  seed?: number | Rng;
}

function validateSampleOptions(opts: SamplePromptOptions): void {
  if (opts === null || typeof opts !== "object") {
    throw new DescentError("options must be an object", { parameter: "options", code: "type" });
  }
  assertInteger(opts.d, "d", { min: 1 });
  assertInteger(opts.n, "n", { min: 1 });
  if (opts.noise !== undefined) assertNonNegative(opts.noise, "noise");
  if (opts.lambdaMax !== undefined)
    assertInRange(opts.lambdaMax, "lambdaMax", { min: 0, exclusiveMin: true });
  if (opts.kappa !== undefined) {
    assertInRange(opts.kappa, "kappa", { min: 1 });
    if (opts.n < opts.d) {
      throw new DescentError(
        `kappa needs n >= d (a finite condition number needs full column rank), received n = ${opts.n}, d = ${opts.d}`,
        { parameter: "n", code: "range" },
      );
    }
  }
}

/** `X = U diag(σ) Vᵀ` with `σ_i² / n` log-spaced in `[lambdaMax/κ, lambdaMax]` (docs/method.md §e.2). */
function conditionedInputs(n: number, d: number, kappa: number, lambdaMax: number, rng: Rng): Matrix64 {
  const U = randomOrthogonal(rng, n); // first d columns: a Haar-random orthonormal n × d frame
  const V = randomOrthogonal(rng, d);
  const sigma = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    const frac = d === 1 ? 0 : k / (d - 1);
    sigma[k] = Math.sqrt(n * lambdaMax * kappa ** -frac);
  }
  const X = matrix64(n, d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++)
        s += (U.data[i * n + k] as number) * (sigma[k] as number) * (V.data[j * d + k] as number);
      X.data[i * d + j] = s;
    }
  }
  return X;
}

/** Draws one prompt from a stream (no validation: callers validate once). */
export function drawPrompt(
  rng: Rng,
  d: number,
  n: number,
  noise: number,
  kappa: number | undefined,
  lambdaMax: number,
): RegressionPrompt {
  const X =
    kappa === undefined
      ? matrix64(n, d, rng.normalArray(n * d))
      : conditionedInputs(n, d, kappa, lambdaMax, rng);
  const wStar = rng.normalArray(d);
  const xq = rng.normalArray(d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (X.data[i * d + j] as number) * (wStar[j] as number);
    y[i] = noise > 0 ? s + noise * rng.normal() : s;
  }
  let yq = 0;
  for (let j = 0; j < d; j++) yq += (xq[j] as number) * (wStar[j] as number);
  if (noise > 0) yq += noise * rng.normal();
  return { X, y, xq, wStar, yq };
}

/**
 * Samples one in-context regression prompt (docs/method.md §c.5 data: `X` rows, `x_q`, `w*` i.i.d. `N(0, I_d)`,
 * `y = X w* + noise·ε`), or with a controlled condition number (docs/method.md §e.2).
 *
 * @example
 * ```ts
 * const p = samplePrompt({ d: 5, n: 20, seed: 1 });
 * const q = samplePrompt({ d: 10, n: 40, kappa: 100, seed: 2 });
 * ```
 */
export function samplePrompt(opts: SamplePromptOptions): RegressionPrompt {
  validateSampleOptions(opts);
  const rng = opts.seed instanceof Rng ? opts.seed : new Rng(opts.seed ?? 0);
  return drawPrompt(rng, opts.d, opts.n, opts.noise ?? 0, opts.kappa, opts.lambdaMax ?? 1);
}

/** Options of {@link samplePrompts}: those of {@link samplePrompt} plus the count. */
export interface SamplePromptsOptions extends SamplePromptOptions {
  /** Number of prompts (integer ≥ 1). */
  count: number;
}

/**
 * Samples `count` independent prompts from one seeded stream, e.g. a fixed test set shared by every
 * model for paired comparisons (docs/method.md §e.4).
 */
export function samplePrompts(opts: SamplePromptsOptions): RegressionPrompt[] {
  validateSampleOptions(opts);
  assertInteger(opts.count, "count", { min: 1 });
  const rng = opts.seed instanceof Rng ? opts.seed : new Rng(opts.seed ?? 0);
  const out: RegressionPrompt[] = [];
  for (let i = 0; i < opts.count; i++) {
    out.push(drawPrompt(rng, opts.d, opts.n, opts.noise ?? 0, opts.kappa, opts.lambdaMax ?? 1));
  }
  return out;
}

/** Throws unless `p` is a well-formed prompt (shapes agree, entries finite). */
export function assertPrompt(p: RegressionPrompt, parameter = "prompt"): void {
  if (p === null || typeof p !== "object" || p.X === undefined) {
    throw new DescentError(`${parameter} must be a RegressionPrompt, received ${typeof p}`, {
      parameter,
      code: "type",
    });
  }
  const { rows: n, cols: d } = p.X;
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 1 || d < 1 || p.X.data.length !== n * d) {
    throw new DescentError(`${parameter}.X must be a non-empty n × d matrix, received ${n} × ${d}`, {
      parameter: `${parameter}.X`,
      code: "shape",
    });
  }
  const check = (arr: ArrayLike<number>, name: string, len: number): void => {
    if (arr.length !== len) {
      throw new DescentError(`${parameter}.${name} must have length ${len}, received length ${arr.length}`, {
        parameter: `${parameter}.${name}`,
        code: "shape",
      });
    }
    for (let i = 0; i < arr.length; i++) {
      if (!Number.isFinite(arr[i])) {
        throw new DescentError(
          `${parameter}.${name} must contain only finite values, found ${arr[i]} at index ${i}`,
          {
            parameter: `${parameter}.${name}`,
            code: "finite",
          },
        );
      }
    }
  };
  check(p.X.data, "X", n * d);
  check(p.y, "y", n);
  check(p.xq, "xq", d);
  check(p.wStar, "wStar", d);
  check([p.yq], "yq", 1);
}
