/**
 * Adversarial logistic classification (docs/method.md §c.2, code `lin_advclasif`): projected gradient methods on the
 * extended variable z = (β, t) over the cone `{δ‖β‖_* ≤ ρt}` — GD, Nesterov-accelerated GD (FISTA), both
 * with fixed or backtracking steps, SGD and SAGA — and the "FGSM" subgradient baselines on `R_clf(β)`
 * itself (`fgsm-gd`, `fgsm-sgd`) that deep-learning-style adversarial training amounts to for linear models.
 */
import {
  assertInteger,
  assertKnownOptions,
  assertNonNegative,
  assertOneOf,
  assertPositive,
  DescentError,
  type Matrix64,
  matvec,
  Rng,
} from "@descent/core-tensor";
import {
  type AttackNorm,
  checkAttack,
  type MatrixInput,
  toMatrix,
  toSignedLabels,
  toVector,
  type VectorInput,
} from "./data-input.js";
import { dualNorm, dualNormMaximiser } from "./dual-norm.js";
import { ExtendedLogistic, largestCovarianceEigenvalue, perSampleSmoothness } from "./extended-objective.js";
import type { IterationHook } from "./iteration-info.js";
import { logisticLoss, logisticWeight } from "./logistic-loss.js";
import { projectInPlace } from "./projection.js";
import { type RadiusOptions, type RadiusSpec, resolveRadius } from "./radius.js";

/** Solvers of {@link fitAdversarialClassifier}. */
export type ClassificationSolver = "agd" | "gd" | "sgd" | "saga" | "fgsm-gd" | "fgsm-sgd";

/**
 * Step-size rule: `'auto'` (gd/agd → backtracking, sgd → `{scale: 2}`, saga → `1/L_max`,
 * fgsm-gd → `{scale: 40}`, fgsm-sgd → `{scale: 100}`), `'backtracking'` (gd/agd only),
 * `{scale: c}` → `c/λ_max(XᵀX/n)`, or an absolute `{value: η}`.
 */
export type StepRule = "auto" | "backtracking" | { scale: number } | { value: number };

/** Options of {@link fitAdversarialClassifier}. */
export interface ClassificationOptions {
  /** Norm of the attack. Default `'l2'` (code default `p=2`); the paper's experiments use `'linf'`. */
  attack?: AttackNorm;
  /** Radius δ ≥ 0 (0: plain logistic regression), or `'randn-zero'` (default, code) or `'zero'`. */
  delta?: RadiusSpec;
  /** Options of the `'randn-zero'` radius. */
  radiusOptions?: RadiusOptions;
  /** Default `'agd'` (docs/method.md §g: Nesterov with backtracking is the fastest deterministic solver). */
  solver?: ClassificationSolver;
  /** Step rule, default `'auto'` (see {@link StepRule}; the SAGA default 1/L_max is ours, docs/method.md §h). */
  step?: StepRule;
  /** Iterations (epochs for sgd, saga, fgsm-sgd). Default 1000 (code). */
  maxIter?: number;
  /** Stop when `‖z_{k+1} − z_k‖₂ < tol` (per epoch for stochastic solvers). Default 1e-12 (code). */
  tol?: number;
  /** Mini-batch size of sgd / fgsm-sgd. Default 1 (code). */
  batchSize?: number;
  /** `η/√(e+1)` decay for sgd and fgsm-sgd. Default true (code); fgsm-gd always decays (docs/method.md §c.2). */
  decay?: boolean;
  /**
   * Gradient scaling of a mini-batch: `'n'` (default, the code's `(1/n)·Σ_batch`, with which the paper's SGD
   * steps 200/λ_max make sense, docs/method.md §h) or `'batch'` (the usual `(1/|B|)·Σ_batch`, our extension).
   */
  gradientScale?: "n" | "batch";
  /** ρ of the cone; `'auto'` (default, code) = `½·√λ_max(XᵀX/n)`. β* does not depend on it. */
  rho?: number | "auto";
  /**
   * `λ_max(XᵀX/n)` when already known (e.g. the `lambdaMax` of an earlier fit on the same X): it is then not
   * recomputed. Default: computed, and only when `rho: 'auto'`, a `{ scale }` step or the `'auto'` step of
   * sgd / fgsm-gd / fgsm-sgd needs it (our choice: a fit with a given ρ and a backtracking or `{ value }`
   * step skips it).
   */
  lambdaMax?: number;
  /** Backtracking shrink factor. Default 1.5 (code). */
  backtrackFactor?: number;
  /** Backtracking initial step. Default 1e10 (code). */
  initialStep?: number;
  /**
   * Maximum backtracking trials (and shrinks) per iteration. Default 100 (code `MAXBACKTRACK`, docs/method.md §h). When all
   * fail, GD stays where it is for that iteration and AGD takes the last trial point, as in the code.
   */
  maxShrinks?: number;
  /**
   * How GD/AGD evaluate `F(z⁺) − F(v)` (backtracking test and objective history). `'stable'` (default, our
   * choice): from the margin differences, `(1/n) Σ log1p(σ(−mᵢ)·expm1(−Δmᵢ))`, exact near the optimum;
   * `'plain'`: the code's subtraction of two float64 values, with which η collapses once the two agree to
   * ~1e-16.
   */
  decreaseEvaluation?: "stable" | "plain";
  /** Seed of the shuffling and of the power iteration. Default 0. */
  seed?: number;
  /** Called after every iteration/epoch; return `true` to stop. */
  onIteration?: IterationHook;
  /** Aborts between iterations (throws the signal's reason). */
  signal?: AbortSignal;
}

/** How a classification run ended. */
export type ClassificationStatus = "converged" | "max-iterations" | "stopped" | "possibly-unbounded";

/** Result of {@link fitAdversarialClassifier}. */
export interface ClassificationFit {
  coef: Float64Array;
  /** The extended variable t (for fgsm solvers: ‖β‖_*·δ/ρ with ρ = δ, i.e. ‖β‖_*). */
  t: number;
  delta: number;
  rho: number;
  /** Closed-form adversarial logistic risk at `coef`. */
  risk: number;
  iterations: number;
  converged: boolean;
  /**
   * `'possibly-unbounded'` when the run did not converge while the risk fell below 1e-3·log 2 and ‖β‖ was
   * still growing: separable data with no finite optimum (docs/method.md §h; heuristic, our choice).
   */
  status: ClassificationStatus;
  /** Risk `R_clf(β_k)` after each iteration/epoch. */
  riskHistory: Float64Array;
  /** Objective `F(z_k)` after each iteration (equals the risk for the fgsm baselines). */
  objectiveHistory: Float64Array;
  /** The original label values `[negative, positive]`: `[0, 1]` or `[-1, 1]`. */
  labels: [number, number];
  /** `λ_max(XᵀX/n)` used for the scaled step rules and ρ; `NaN` when neither needed it (none was computed). */
  lambdaMax: number;
  /** The (last) base step size used. */
  stepSize: number;
}

const SOLVERS: readonly ClassificationSolver[] = ["agd", "gd", "sgd", "saga", "fgsm-gd", "fgsm-sgd"];

function checkStep(step: unknown): asserts step is StepRule {
  if (step === "auto" || step === "backtracking") return;
  if (typeof step === "object" && step !== null) {
    if ("scale" in step) return assertPositive((step as { scale: unknown }).scale, "step.scale");
    if ("value" in step) return assertPositive((step as { value: unknown }).value, "step.value");
  }
  throw new DescentError(
    `step must be "auto", "backtracking", { scale } or { value }, received ${JSON.stringify(step)}`,
    { parameter: "step", code: "enum" },
  );
}

function sqDist(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += ((a[j] as number) - (b[j] as number)) ** 2;
  return s;
}

function betaNorm2(z: Float64Array, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) s += (z[j] as number) ** 2;
  return Math.sqrt(s);
}

/**
 * Fits `argmin_β (1/n) Σ log(1 + exp(−(yᵢxᵢᵀβ − δ‖β‖_*)))` — adversarial training of a linear classifier
 * against ‖Δx‖ ≤ δ attacks (docs/method.md §b) — by the solvers of docs/method.md §c.2. Labels in {0, 1} or {−1, +1}; no intercept.
 *
 * @example
 * ```ts
 * const { X, y } = gaussianClassification(500, 20, { seed: 1 });
 * const fit = fitAdversarialClassifier(X, y, { attack: "linf", delta: 0.05 }); // AGD + backtracking
 * ```
 */
/** Every key of {@link ClassificationOptions} (the Record type keeps the list complete). @internal */
export const CLASSIFICATION_OPTION_KEYS = Object.keys({
  attack: true,
  delta: true,
  radiusOptions: true,
  solver: true,
  step: true,
  maxIter: true,
  tol: true,
  batchSize: true,
  decay: true,
  gradientScale: true,
  rho: true,
  backtrackFactor: true,
  initialStep: true,
  maxShrinks: true,
  decreaseEvaluation: true,
  seed: true,
  onIteration: true,
  signal: true,
  lambdaMax: true,
} satisfies Record<keyof ClassificationOptions, true>);

export function fitAdversarialClassifier(
  X: MatrixInput,
  y: VectorInput,
  options: ClassificationOptions = {},
): ClassificationFit {
  assertKnownOptions(options, CLASSIFICATION_OPTION_KEYS);
  const Xm = toMatrix(X);
  const { y: ys, labels } = toSignedLabels(y, Xm.rows);
  const {
    attack = "l2",
    delta: deltaOption = "randn-zero",
    radiusOptions,
    solver = "agd",
    step = "auto",
    maxIter = 1000,
    tol = 1e-12,
    batchSize = 1,
    decay = true,
    gradientScale = "n",
    rho: rhoOption = "auto",
    lambdaMax: lambdaMaxOption,
    backtrackFactor = 1.5,
    initialStep = 1e10,
    maxShrinks = 100,
    decreaseEvaluation = "stable",
    seed = 0,
    onIteration,
    signal,
  } = options;
  checkAttack(attack);
  assertOneOf(solver, "solver", SOLVERS);
  checkStep(step);
  assertInteger(maxIter, "maxIter", { min: 1 });
  assertNonNegative(tol, "tol");
  assertInteger(batchSize, "batchSize", { min: 1, max: Xm.rows });
  if (typeof decay !== "boolean") {
    throw new DescentError(`decay must be a boolean, received ${String(decay)}`, {
      parameter: "decay",
      code: "type",
    });
  }
  assertOneOf(gradientScale, "gradientScale", ["n", "batch"] as const);
  if (rhoOption !== "auto") assertPositive(rhoOption, "rho");
  if (lambdaMaxOption !== undefined) assertPositive(lambdaMaxOption, "lambdaMax");
  assertInRangeFactor(backtrackFactor);
  assertPositive(initialStep, "initialStep");
  assertInteger(maxShrinks, "maxShrinks", { min: 1 });
  assertOneOf(decreaseEvaluation, "decreaseEvaluation", ["stable", "plain"] as const);
  assertInteger(seed, "seed", { min: 0 });
  if (step === "backtracking" && solver !== "gd" && solver !== "agd") {
    throw new DescentError(
      `step "backtracking" is only available for solvers "gd" and "agd", received solver ${JSON.stringify(solver)}`,
      {
        parameter: "step",
        code: "enum",
      },
    );
  }
  if (onIteration !== undefined && typeof onIteration !== "function") {
    throw new DescentError("onIteration must be a function", { parameter: "onIteration", code: "type" });
  }
  signal?.throwIfAborted();
  const delta = resolveRadius(deltaOption, Xm, ys, attack, "classification", radiusOptions);
  const isFgsm = solver === "fgsm-gd" || solver === "fgsm-sgd";
  const needsLambdaMax =
    (rhoOption === "auto" && !isFgsm) ||
    (typeof step === "object" && "scale" in step) ||
    (step === "auto" && solver !== "gd" && solver !== "agd" && solver !== "saga");
  const lambdaMax = lambdaMaxOption ?? (needsLambdaMax ? largestCovarianceEigenvalue(Xm, seed) : Number.NaN);
  if (needsLambdaMax ? !(lambdaMax > 0) : Xm.data.every((v) => v === 0)) {
    throw new DescentError("X must not be all zeros (λ_max(XᵀX/n) = 0)", { parameter: "X", code: "range" });
  }
  // docs/method.md §c.2: the code balances curvature with ρ = ½√λ_max; the fgsm baselines have no t (ρ = δ)
  const rho = isFgsm ? delta : rhoOption === "auto" ? 0.5 * Math.sqrt(lambdaMax) : rhoOption;

  let eta: number;
  let backtracking = false;
  if (step === "backtracking" || (step === "auto" && (solver === "gd" || solver === "agd"))) {
    backtracking = true;
    eta = initialStep;
  } else if (step === "auto") {
    if (solver === "saga") eta = 1 / perSampleSmoothness(Xm, rho);
    else if (solver === "sgd") eta = 2 / lambdaMax;
    else if (solver === "fgsm-gd") eta = 40 / lambdaMax;
    else eta = 100 / lambdaMax;
  } else if ("scale" in step) eta = step.scale / lambdaMax;
  else eta = step.value;

  const ctx: SolverContext = {
    X: Xm,
    y: ys,
    attack,
    delta,
    rho,
    eta,
    backtracking,
    backtrackFactor,
    maxShrinks,
    stableDecrease: decreaseEvaluation === "stable",
    maxIter,
    tol,
    batchSize,
    decay,
    gradientScale,
    rng: new Rng(seed),
    onIteration,
    signal,
  };
  const run =
    solver === "gd" || solver === "agd"
      ? runDeterministic(ctx, solver === "agd")
      : solver === "sgd" || solver === "saga"
        ? runStochastic(ctx, solver === "saga")
        : runFgsm(ctx, solver === "fgsm-sgd");

  const p = Xm.cols;
  const coef = run.z.slice(0, p);
  const risk = run.risk.at(-1) ?? Number.NaN;
  let status: ClassificationStatus = run.converged ? "converged" : run.stopped ? "stopped" : "max-iterations";
  if (status === "max-iterations" && risk < 1e-3 * Math.LN2 && run.normGrowing) status = "possibly-unbounded";
  return {
    coef,
    t: isFgsm ? dualNorm(coef, attack) : (run.z[p] as number),
    delta,
    rho,
    risk,
    iterations: run.risk.length,
    converged: run.converged,
    status,
    riskHistory: Float64Array.from(run.risk),
    objectiveHistory: Float64Array.from(run.objective),
    labels,
    lambdaMax,
    stepSize: run.eta,
  };
}

function assertInRangeFactor(f: unknown): void {
  assertPositive(f, "backtrackFactor");
  if (!((f as number) > 1)) {
    throw new DescentError(`backtrackFactor must be > 1, received ${String(f)}`, {
      parameter: "backtrackFactor",
      code: "range",
    });
  }
}

interface SolverContext {
  X: Matrix64;
  y: Float64Array;
  attack: AttackNorm;
  delta: number;
  rho: number;
  eta: number;
  backtracking: boolean;
  backtrackFactor: number;
  maxShrinks: number;
  stableDecrease: boolean;
  maxIter: number;
  tol: number;
  batchSize: number;
  decay: boolean;
  gradientScale: "n" | "batch";
  rng: Rng;
  onIteration: IterationHook | undefined;
  signal: AbortSignal | undefined;
}

interface RunResult {
  z: Float64Array;
  risk: number[];
  objective: number[];
  converged: boolean;
  stopped: boolean;
  normGrowing: boolean;
  eta: number;
}

/** Shared bookkeeping: history, hook, stopping test, growth of ‖β‖ over the last tenth of the run. */
class Recorder {
  readonly risk: number[] = [];
  readonly objective: number[] = [];
  private readonly norms: number[] = [];
  converged = false;
  stopped = false;

  constructor(private readonly ctx: SolverContext) {}

  /** Records an iteration; returns true when the run must end. */
  record(z: Float64Array, risk: number, objective: number, updateSize: number, step: number): boolean {
    this.risk.push(risk);
    this.objective.push(objective);
    const p = this.ctx.X.cols;
    this.norms.push(betaNorm2(z, p));
    const stop = this.ctx.onIteration?.({
      iteration: this.risk.length,
      coef: z.subarray(0, p),
      risk,
      updateSize,
      step,
    });
    if (updateSize < this.ctx.tol) {
      this.converged = true;
      return true;
    }
    if (stop === true) {
      this.stopped = true;
      return true;
    }
    return false;
  }

  normGrowing(): boolean {
    const k = this.norms.length;
    if (k < 10) return false;
    const a = this.norms[Math.floor(0.9 * k) - 1] as number;
    const b = this.norms[k - 1] as number;
    return b > a * 1.001;
  }

  /** The run's outcome: the final iterate `z`, the recorded histories and flags, the step `eta` in force at the end. */
  result(z: Float64Array, eta: number): RunResult {
    return {
      z,
      risk: this.risk,
      objective: this.objective,
      converged: this.converged,
      stopped: this.stopped,
      normGrowing: this.normGrowing(),
      eta,
    };
  }
}

/** Projects z in place onto the cone. */
function project(ctx: SolverContext, z: Float64Array, scratch: Float64Array): void {
  const p = ctx.X.cols;
  z[p] = projectInPlace(z.subarray(0, p), z[p] as number, ctx.attack, ctx.delta, ctx.rho, scratch);
}

/** Projected GD and FISTA, fixed or backtracking steps (docs/method.md §c.2). */
function runDeterministic(ctx: SolverContext, accelerated: boolean): RunResult {
  const F = new ExtendedLogistic(ctx.X, ctx.y, ctx.rho);
  try {
    return deterministicIterations(ctx, accelerated, F);
  } finally {
    F.dispose();
  }
}

function deterministicIterations(ctx: SolverContext, accelerated: boolean, F: ExtendedLogistic): RunResult {
  const p = ctx.X.cols;
  const rec = new Recorder(ctx);
  const scratch = new Float64Array(p);
  let z = new Float64Array(p + 1); // z₀ = 0
  let v = z.slice(); // FISTA's extrapolated point (= z for GD)
  const g = new Float64Array(p + 1);
  const zNew = new Float64Array(p + 1);
  const d = new Float64Array(p + 1);
  let theta = 1;
  let eta = ctx.eta;
  for (let k = 0; k < ctx.maxIter; k++) {
    ctx.signal?.throwIfAborted();
    const Fv = F.value(v);
    F.gradientAtLast(v, g);
    let Fz = 0;
    let accepted = !ctx.backtracking;
    // at most `maxShrinks` trial points, η shrinks after every failed test (code `MAXBACKTRACK = 100`)
    for (let trial = 0; ; trial++) {
      for (let j = 0; j <= p; j++) zNew[j] = (v[j] as number) - eta * (g[j] as number);
      project(ctx, zNew, scratch);
      let lin = 0;
      let sq = 0;
      for (let j = 0; j <= p; j++) {
        const dj = (zNew[j] as number) - (v[j] as number);
        d[j] = dj;
        lin += (g[j] as number) * dj;
        sq += dj * dj;
      }
      let dF: number;
      if (ctx.stableDecrease) {
        dF = F.decrease(v, d);
        Fz = Fv + dF;
      } else {
        Fz = F.value(zNew);
        dF = Fz - Fv;
      }
      // sufficient decrease F(z⁺) ≤ F(v) + ∇F(v)ᵀ(z⁺ − v) + ‖z⁺ − v‖²/(2η), tested at v (docs/method.md §c.2)
      if (!ctx.backtracking) break;
      if (dF <= lin + sq / (2 * eta)) {
        accepted = true;
        break;
      }
      eta /= ctx.backtrackFactor;
      if (trial + 1 >= ctx.maxShrinks) break;
    }
    // every trial failed: GD keeps z (code `gd_with_backtrack` leaves w unchanged), while FISTA moves to the
    // last trial point (code `agd_with_backtrack`); the update size stays that of the last trial, as in the code
    const trialUpdate = Math.sqrt(sqDist(zNew, z));
    if (!accepted && !accelerated) {
      zNew.set(z);
      Fz = F.value(z);
    }
    const risk =
      ctx.stableDecrease && (accepted || accelerated)
        ? F.riskAfterStep(zNew, ctx.delta, ctx.attack)
        : F.riskAtLast(zNew, ctx.delta, ctx.attack);
    const update = trialUpdate;
    if (accelerated) {
      const thetaNext = (1 + Math.sqrt(1 + 4 * theta * theta)) / 2;
      const c = (theta - 1) / thetaNext;
      const vNext = new Float64Array(p + 1);
      for (let j = 0; j <= p; j++)
        vNext[j] = (zNew[j] as number) + c * ((zNew[j] as number) - (z[j] as number));
      v = vNext;
      theta = thetaNext;
      z = zNew.slice();
    } else {
      z = zNew.slice();
      v = z;
    }
    if (rec.record(z, risk, Fz, update, eta)) break;
  }
  return rec.result(z, eta);
}

/** `yᵢxᵢᵀβ` for one sample. */
function sampleMargin(X: Matrix64, y: Float64Array, z: Float64Array, i: number): number {
  const p = X.cols;
  const o = i * p;
  let s = 0;
  for (let j = 0; j < p; j++) s += (X.data[o + j] as number) * (z[j] as number);
  return (y[i] as number) * s;
}

/** Closed-form risk and F at z (one full pass), for the per-epoch history of stochastic solvers. */
function evaluate(
  ctx: SolverContext,
  F: ExtendedLogistic,
  z: Float64Array,
): { risk: number; objective: number } {
  const objective = F.value(z);
  return { risk: F.riskAtLast(z, ctx.delta, ctx.attack), objective };
}

/** Projected SGD (code's 1/n gradient scaling) and SAGA with the scalar per-sample table (docs/method.md §c.2). */
function runStochastic(ctx: SolverContext, saga: boolean): RunResult {
  const F = new ExtendedLogistic(ctx.X, ctx.y, ctx.rho);
  try {
    return stochasticEpochs(ctx, saga, F);
  } finally {
    F.dispose();
  }
}

function stochasticEpochs(ctx: SolverContext, saga: boolean, F: ExtendedLogistic): RunResult {
  const { X, y, rho } = ctx;
  const n = X.rows;
  const p = X.cols;
  const rec = new Recorder(ctx);
  const scratch = new Float64Array(p);
  const z = new Float64Array(p + 1);
  const zStart = new Float64Array(p + 1);
  const sTable = new Float64Array(n); // SAGA: sᵢ of the stored gradient gᵢ = sᵢ·(−yᵢxᵢ, ρ)
  const gBar = new Float64Array(p + 1);
  const gHat = new Float64Array(p + 1);
  for (let epoch = 0; epoch < ctx.maxIter; epoch++) {
    ctx.signal?.throwIfAborted();
    zStart.set(z);
    const perm = ctx.rng.permutation(n);
    if (saga) {
      const eta = ctx.eta;
      for (let r = 0; r < n; r++) {
        const i = perm[r] as number;
        const sNew = logisticWeight(sampleMargin(X, y, z, i) - rho * (z[p] as number));
        const ds = sNew - (sTable[i] as number);
        const c = -(y[i] as number);
        const o = i * p;
        // z ← P(z − η(gᵢⁿᵉʷ − gᵢ + ḡ)); ḡ ← ḡ + (gᵢⁿᵉʷ − gᵢ)/n
        for (let j = 0; j < p; j++) {
          const a = ds * c * (X.data[o + j] as number);
          z[j] = (z[j] as number) - eta * (a + (gBar[j] as number));
          gBar[j] = (gBar[j] as number) + a / n;
        }
        z[p] = (z[p] as number) - eta * (ds * rho + (gBar[p] as number));
        gBar[p] = (gBar[p] as number) + (ds * rho) / n;
        sTable[i] = sNew;
        project(ctx, z, scratch);
      }
    } else {
      const eta = ctx.decay ? ctx.eta / Math.sqrt(epoch + 1) : ctx.eta;
      for (let start = 0; start < n; start += ctx.batchSize) {
        const end = Math.min(n, start + ctx.batchSize);
        const scale = ctx.gradientScale === "n" ? 1 / n : 1 / (end - start);
        gHat.fill(0);
        for (let r = start; r < end; r++) {
          const i = perm[r] as number;
          const s = logisticWeight(sampleMargin(X, y, z, i) - rho * (z[p] as number));
          const c = -s * (y[i] as number) * scale;
          const o = i * p;
          for (let j = 0; j < p; j++) gHat[j] = (gHat[j] as number) + c * (X.data[o + j] as number);
          gHat[p] = (gHat[p] as number) + s * rho * scale;
        }
        for (let j = 0; j <= p; j++) z[j] = (z[j] as number) - eta * (gHat[j] as number);
        project(ctx, z, scratch);
      }
    }
    const { risk, objective } = evaluate(ctx, F, z);
    const stepUsed = saga || !ctx.decay ? ctx.eta : ctx.eta / Math.sqrt(epoch + 1);
    if (rec.record(z, risk, objective, Math.sqrt(sqDist(z, zStart)), stepUsed)) break;
  }
  return rec.result(z, ctx.eta);
}

/**
 * FGSM baselines (docs/method.md §c.2): subgradient descent on `R_clf(β)` itself,
 * `g = −(1/n) Σ sᵢyᵢxᵢ + (δ/n)(Σ sᵢ)·u(β)` with `mᵢ = yᵢxᵢᵀβ − δ‖β‖_*`, step `η/√(k+1)`
 * (per iteration for fgsm-gd, per epoch for fgsm-sgd when `decay`).
 */
function runFgsm(ctx: SolverContext, stochastic: boolean): RunResult {
  const { X, y, delta, attack } = ctx;
  const n = X.rows;
  const p = X.cols;
  const rec = new Recorder(ctx);
  const beta = new Float64Array(p + 1); // last entry unused (keeps the Recorder's z layout)
  const prev = new Float64Array(p + 1);
  const u = new Float64Array(p);
  const g = new Float64Array(p);
  const b = beta.subarray(0, p);
  const fullRisk = (): number => {
    const xb = matvec(X, b);
    const pen = delta * dualNorm(b, attack);
    let s = 0;
    for (let i = 0; i < n; i++) s += logisticLoss((y[i] as number) * (xb[i] as number) - pen);
    return s / n;
  };
  for (let k = 0; k < ctx.maxIter; k++) {
    ctx.signal?.throwIfAborted();
    prev.set(beta);
    const eta = stochastic && !ctx.decay ? ctx.eta : ctx.eta / Math.sqrt(k + 1);
    if (!stochastic) {
      const xb = matvec(X, b);
      const pen = delta * dualNorm(b, attack);
      dualNormMaximiser(b, attack, u);
      g.fill(0);
      let ssum = 0;
      for (let i = 0; i < n; i++) {
        const s = logisticWeight((y[i] as number) * (xb[i] as number) - pen);
        ssum += s;
        const c = (-s * (y[i] as number)) / n;
        const o = i * p;
        for (let j = 0; j < p; j++) g[j] = (g[j] as number) + c * (X.data[o + j] as number);
      }
      for (let j = 0; j < p; j++)
        b[j] = (b[j] as number) - eta * ((g[j] as number) + ((delta * ssum) / n) * (u[j] as number));
    } else {
      const perm = ctx.rng.permutation(n);
      for (let start = 0; start < n; start += ctx.batchSize) {
        const end = Math.min(n, start + ctx.batchSize);
        const scale = ctx.gradientScale === "n" ? 1 / n : 1 / (end - start);
        const pen = delta * dualNorm(b, attack);
        dualNormMaximiser(b, attack, u);
        g.fill(0);
        let ssum = 0;
        for (let r = start; r < end; r++) {
          const i = perm[r] as number;
          const s = logisticWeight(sampleMargin(X, y, beta, i) - pen);
          ssum += s;
          const c = -s * (y[i] as number) * scale;
          const o = i * p;
          for (let j = 0; j < p; j++) g[j] = (g[j] as number) + c * (X.data[o + j] as number);
        }
        for (let j = 0; j < p; j++)
          b[j] = (b[j] as number) - eta * ((g[j] as number) + delta * ssum * scale * (u[j] as number));
      }
    }
    const risk = fullRisk();
    if (rec.record(beta, risk, risk, Math.sqrt(sqDist(beta, prev)), eta)) break;
  }
  return rec.result(beta, ctx.eta);
}

/** Predicted probabilities `σ(xᵢᵀβ)` of the positive class. */
export function predictProba(X: MatrixInput, coef: VectorInput): Float64Array {
  const Xm = toMatrix(X);
  const beta = toVector(coef, "coef", Xm.cols);
  return matvec(Xm, beta).map((m) => logisticWeight(-m));
}
