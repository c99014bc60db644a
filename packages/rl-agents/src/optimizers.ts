/**
 * First-order optimizers over flat Float32Array parameters with a **mutable learning rate** (docs/method.md §A.5):
 * `optimizer.learningRate` is read at every `step()`, so a schedule or the LRRL bandit can change it
 * between updates without resetting the moment estimates (docs/method.md §B.h: keep Adam's moments across arm
 * switches). Adam, RMSProp (optionally with momentum, "RMSProp-M", and centred), plain SGD and AdamRel.
 */
import {
  assertInRange,
  assertInteger,
  assertNonNegative,
  assertPositive,
  DescentError,
} from "@descent/core-tensor";

/** An optimizer updating one flat parameter vector in place. */
export interface Optimizer {
  /** The step size used by the next {@link step}; settable at any time (the LRRL hook, docs/method.md §A.5). */
  learningRate: number;
  /** Number of steps taken. */
  readonly iterations: number;
  /** Updates `params` in place from `grads` (same length). */
  step(params: Float32Array, grads: Float32Array): void;
  /** Called by agents when the target network is synchronised (AdamRel restarts its timestep). */
  onTargetUpdate?(): void;
}

/** Options shared by every optimizer. */
export interface OptimizerOptions {
  /** Initial learning rate (> 0). */
  learningRate: number;
  /** Rescale the gradient to this global L2 norm when it is larger; off (`Infinity`) by default (docs/method.md §A.5). */
  maxGradNorm?: number;
}

/** Options of {@link Adam}. */
export interface AdamOptions extends OptimizerOptions {
  /** β1 = 0.9 (docs/method.md §A.5). */
  beta1?: number;
  /** β2 = 0.999 (docs/method.md §A.5). */
  beta2?: number;
  /** ε; default 1e-8 (Kingma & Ba). Dopamine DQN uses 1.5e-4 (Atari) and 3.125e-4 (CartPole, IQN). */
  epsilon?: number;
}

/** Options of {@link RmsProp}. */
export interface RmsPropOptions extends OptimizerOptions {
  /** Decay ρ of the squared-gradient average; default 0.95 (Dopamine's TF DQN, docs/method.md §A.5). */
  decay?: number;
  /** Momentum μ; default 0. Set > 0 for "RMSProp-M" (docs/method.md §B.c baseline 5). */
  momentum?: number;
  /** ε inside the square root (TensorFlow convention); default 1e-5 (Dopamine, docs/method.md §A.5). */
  epsilon?: number;
  /** Centred variant (divide by an estimate of the variance); default true (Dopamine, docs/method.md §A.5). */
  centered?: boolean;
}

function validateCommon(opts: OptimizerOptions): number {
  if (opts === null || typeof opts !== "object") {
    throw new DescentError("options must be an object with a learningRate", { parameter: "options" });
  }
  assertPositive(opts.learningRate, "learningRate");
  if (opts.maxGradNorm === undefined) return Number.POSITIVE_INFINITY;
  assertPositive(opts.maxGradNorm, "maxGradNorm");
  return opts.maxGradNorm;
}

function checkLength(params: Float32Array, grads: Float32Array): void {
  if (params.length !== grads.length) {
    throw new DescentError(
      `grads must have the length of params (${params.length}), received ${grads.length}`,
      {
        parameter: "grads",
        code: "shape",
      },
    );
  }
}

/** Global-norm clipping factor (1 when the norm is within `maxNorm`). */
function clipFactor(grads: Float32Array, maxNorm: number): number {
  if (maxNorm === Number.POSITIVE_INFINITY) return 1;
  let s = 0;
  for (let i = 0; i < grads.length; i++) s += (grads[i] as number) ** 2;
  const n = Math.sqrt(s);
  return n > maxNorm ? maxNorm / n : 1;
}

/** Base class holding the mutable learning rate. */
abstract class MutableRateOptimizer implements Optimizer {
  protected rate: number;
  protected readonly maxGradNorm: number;
  iterations = 0;

  constructor(opts: OptimizerOptions) {
    this.maxGradNorm = validateCommon(opts);
    this.rate = opts.learningRate;
  }

  get learningRate(): number {
    return this.rate;
  }

  set learningRate(value: number) {
    assertPositive(value, "learningRate");
    this.rate = value;
  }

  abstract step(params: Float32Array, grads: Float32Array): void;
}

/** Plain stochastic gradient descent θ ← θ − η·g (used by LRRL's non-convex benchmark, docs/method.md §B.e B-R2). */
export class Sgd extends MutableRateOptimizer {
  step(params: Float32Array, grads: Float32Array): void {
    checkLength(params, grads);
    const c = clipFactor(grads, this.maxGradNorm) * this.rate;
    for (let i = 0; i < params.length; i++) params[i] = (params[i] as number) - c * (grads[i] as number);
    this.iterations += 1;
  }
}

/**
 * Adam (Kingma & Ba 2015) with bias correction:
 * m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², θ ← θ − η·m̂/(√v̂ + ε).
 */
export class Adam extends MutableRateOptimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  protected m: Float64Array | null = null;
  protected v: Float64Array | null = null;

  constructor(opts: AdamOptions) {
    super(opts);
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
    assertInRange(this.beta1, "beta1", { min: 0, max: 1, exclusiveMax: true });
    assertInRange(this.beta2, "beta2", { min: 0, max: 1, exclusiveMax: true });
    assertPositive(this.epsilon, "epsilon");
  }

  /** The timestep used in the bias correction of the next step (1-based). */
  protected biasTimestep(): number {
    return this.iterations + 1;
  }

  step(params: Float32Array, grads: Float32Array): void {
    checkLength(params, grads);
    if (this.m === null || this.m.length !== params.length) {
      this.m = new Float64Array(params.length);
      this.v = new Float64Array(params.length);
    }
    const m = this.m;
    const v = this.v as Float64Array;
    const t = this.biasTimestep();
    const c = clipFactor(grads, this.maxGradNorm);
    const b1 = this.beta1;
    const b2 = this.beta2;
    const bc1 = 1 - b1 ** t;
    const bc2 = 1 - b2 ** t;
    const eta = this.rate;
    const eps = this.epsilon;
    for (let i = 0; i < params.length; i++) {
      const g = c * (grads[i] as number);
      const mi = b1 * (m[i] as number) + (1 - b1) * g;
      const vi = b2 * (v[i] as number) + (1 - b2) * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] = (params[i] as number) - (eta * (mi / bc1)) / (Math.sqrt(vi / bc2) + eps);
    }
    this.iterations += 1;
  }
}

/**
 * AdamRel (Ellis et al. 2024; LRRL baseline 4, docs/method.md §B.c): Adam whose bias-correction timestep restarts at
 * every target-network update while the moments are kept. Agents call {@link onTargetUpdate}; with
 * `resetEvery` set, the timestep also restarts every `resetEvery` optimizer steps.
 */
export class AdamRel extends Adam {
  private localStep = 0;
  readonly resetEvery: number;

  constructor(opts: AdamOptions & { resetEvery?: number }) {
    super(opts);
    this.resetEvery = opts.resetEvery ?? Number.POSITIVE_INFINITY;
    if (this.resetEvery !== Number.POSITIVE_INFINITY)
      assertInteger(this.resetEvery, "resetEvery", { min: 1 });
  }

  protected override biasTimestep(): number {
    return this.localStep + 1;
  }

  override step(params: Float32Array, grads: Float32Array): void {
    super.step(params, grads);
    this.localStep += 1;
    if (this.localStep >= this.resetEvery) this.localStep = 0;
  }

  onTargetUpdate(): void {
    this.localStep = 0;
  }
}

/**
 * RMSProp, TensorFlow convention: v ← ρ·v + (1−ρ)·g²; centred: μ_g ← ρ·μ_g + (1−ρ)·g and
 * denominator √(v − μ_g² + ε); with momentum: M ← μ·M + η·g/denominator, θ ← θ − M.
 */
export class RmsProp extends MutableRateOptimizer {
  readonly decay: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  private v: Float64Array | null = null;
  private mg: Float64Array | null = null;
  private mom: Float64Array | null = null;

  constructor(opts: RmsPropOptions) {
    super(opts);
    this.decay = opts.decay ?? 0.95;
    this.momentum = opts.momentum ?? 0;
    this.epsilon = opts.epsilon ?? 1e-5;
    this.centered = opts.centered ?? true;
    assertInRange(this.decay, "decay", { min: 0, max: 1, exclusiveMax: true });
    assertInRange(this.momentum, "momentum", { min: 0, max: 1, exclusiveMax: true });
    assertNonNegative(this.epsilon, "epsilon");
  }

  step(params: Float32Array, grads: Float32Array): void {
    checkLength(params, grads);
    if (this.v === null || this.v.length !== params.length) {
      this.v = new Float64Array(params.length);
      this.mg = new Float64Array(params.length);
      this.mom = new Float64Array(params.length);
    }
    const v = this.v;
    const mg = this.mg as Float64Array;
    const mom = this.mom as Float64Array;
    const c = clipFactor(grads, this.maxGradNorm);
    const rho = this.decay;
    for (let i = 0; i < params.length; i++) {
      const g = c * (grads[i] as number);
      const vi = rho * (v[i] as number) + (1 - rho) * g * g;
      v[i] = vi;
      let denomSq = vi + this.epsilon;
      if (this.centered) {
        const mi = rho * (mg[i] as number) + (1 - rho) * g;
        mg[i] = mi;
        denomSq = vi - mi * mi + this.epsilon;
      }
      const upd = (this.rate * g) / Math.sqrt(Math.max(denomSq, 1e-30));
      const Mi = this.momentum * (mom[i] as number) + upd;
      mom[i] = Mi;
      params[i] = (params[i] as number) - Mi;
    }
    this.iterations += 1;
  }
}

/** Which optimizer an agent builds (docs/method.md §A.5, B.c (baseline 5)). */
export type OptimizerKind = "adam" | "rmsprop" | "sgd" | "adamRel";

/** Builds an optimizer by kind; `epsilon` applies to Adam/AdamRel/RMSProp. */
export function createOptimizer(
  kind: OptimizerKind,
  opts: OptimizerOptions & { epsilon?: number; momentum?: number; resetEvery?: number },
): Optimizer {
  const base: OptimizerOptions = { learningRate: opts.learningRate };
  if (opts.maxGradNorm !== undefined) base.maxGradNorm = opts.maxGradNorm;
  const eps = opts.epsilon === undefined ? {} : { epsilon: opts.epsilon };
  switch (kind) {
    case "adam":
      return new Adam({ ...base, ...eps });
    case "adamRel":
      return new AdamRel({
        ...base,
        ...eps,
        ...(opts.resetEvery === undefined ? {} : { resetEvery: opts.resetEvery }),
      });
    case "rmsprop":
      return new RmsProp({
        ...base,
        ...eps,
        ...(opts.momentum === undefined ? {} : { momentum: opts.momentum }),
      });
    case "sgd":
      return new Sgd(base);
    default:
      throw new DescentError(
        `optimizer must be one of adam, adamRel, rmsprop, sgd; received ${String(kind)}`,
        {
          parameter: "optimizer",
          code: "invalid-argument",
        },
      );
  }
}
