/**
 * Adam on flat float64 parameter vectors (docs/method.md §c.5 optimiser: β₁ 0.9, β₂ 0.999, ε 1e-8), with the
 * global gradient-norm clipping of docs/method.md §c.5 ('full') and pitfall 3.
 */
import { assertInRange, assertPositive, DescentError, describeValue } from "@descent/core-tensor";

/** Hyperparameters of {@link Adam}; defaults are docs/method.md §c.5's (Kingma & Ba's). */
export interface AdamOptions {
  /** Step size α. */
  learningRate: number;
  /** First-moment decay β₁. Default `0.9` (docs/method.md §c.5). */
  beta1?: number;
  /** Second-moment decay β₂. Default `0.999` (docs/method.md §c.5). */
  beta2?: number;
  /** Denominator offset ε. Default `1e-8` (docs/method.md §c.5). */
  epsilon?: number;
}

/** Adam state for one flat parameter vector. */
export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  /** Current step size (schedules may change it between steps). */
  learningRate: number;

  constructor(size: number, opts: AdamOptions) {
    assertPositive(opts.learningRate, "learningRate");
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
    assertInRange(this.beta1, "beta1", { min: 0, max: 1, exclusiveMax: true });
    assertInRange(this.beta2, "beta2", { min: 0, max: 1, exclusiveMax: true });
    assertPositive(this.epsilon, "epsilon");
    this.learningRate = opts.learningRate;
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** Updates `params` in place with gradient `grad` (bias-corrected Adam). */
  step(params: Float64Array, grad: Float64Array): void {
    this.t += 1;
    const b1 = this.beta1;
    const b2 = this.beta2;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i] as number;
      const m = b1 * (this.m[i] as number) + (1 - b1) * g;
      const v = b2 * (this.v[i] as number) + (1 - b2) * g * g;
      this.m[i] = m;
      this.v[i] = v;
      params[i] = (params[i] as number) - (this.learningRate * (m / c1)) / (Math.sqrt(v / c2) + this.epsilon);
    }
  }
}

/** Scales `grad` in place so that its Euclidean norm is at most `maxNorm`; returns the norm before clipping. */
export function clipGlobalNorm(grad: Float64Array, maxNorm: number): number {
  // Infinity is allowed and means "no clipping" (trainLooped's clip option)
  if (!(typeof maxNorm === "number" && maxNorm > 0)) {
    throw new DescentError(
      `maxNorm must be > 0 (Infinity: no clipping), received ${describeValue(maxNorm)}`,
      {
        parameter: "maxNorm",
        code: "range",
      },
    );
  }
  let s = 0;
  for (const g of grad) s += g * g;
  const norm = Math.sqrt(s);
  if (norm > maxNorm && Number.isFinite(maxNorm)) {
    const k = maxNorm / norm;
    for (let i = 0; i < grad.length; i++) grad[i] = (grad[i] as number) * k;
  }
  return norm;
}
