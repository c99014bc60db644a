/**
 * BES — BErnoulli Smoothing (Gao & Sener, ICML 2022), as simplified in pypop7 (docs/method.md §c.6): per iteration
 * query F(x) and F(x + c b_k) for K fair-coin directions b_k ∈ {−1, +1}^d, form the finite-difference
 * gradient ĝ = (1/(cK)) Σ_k (F(x + c b_k) − F(x)) b_k and step x ← x − lr·ĝ. One batch of K + 1 points.
 *
 * @example
 * ```ts
 * const result = await minimize(f, new Bes({ dim: 100, mean0: 1, learningRate: 1e-7 }), { maxEvaluations: 40_000 });
 * ```
 */
import { assertInteger, assertPositive, Rng } from "@descent/core-tensor";
import { type AskBatch, AskTellBase, type Vector } from "./ask-tell.js";
import { assertOptionsObject } from "./options-object.js";
import { type ScalarOrVector, startVector } from "./start-vector.js";

/** Options of {@link Bes}. */
export interface BesOptions {
  dim: number;
  /** Start point x0. Default 0. */
  mean0?: ScalarOrVector;
  /** K, random directions per iteration. Default 100 (pypop7). */
  directions?: number;
  /** lr, gradient step size (must be tuned per problem). Default 1e-3 (pypop7). */
  learningRate?: number;
  /** c, smoothing radius of the probes. Default 0.1 (pypop7). */
  smoothing?: number;
  /** Seed. Default 0. */
  seed?: number;
}

/** BES (ask/tell). */
export class Bes extends AskTellBase {
  readonly name = "bes";
  readonly evaluationsPerIteration: number;
  private readonly x: Float64Array;
  private readonly k: number;
  private readonly lr: number;
  private readonly c: number;
  private readonly rng: Rng;
  private readonly signs: Float64Array;

  constructor(options: BesOptions) {
    assertOptionsObject(options, "options", [
      "dim",
      "mean0",
      "directions",
      "learningRate",
      "smoothing",
      "seed",
    ]);
    assertInteger(options.dim, "dim", { min: 1 });
    super(options.dim);
    this.k = options.directions ?? 100;
    assertInteger(this.k, "directions", { min: 1 });
    this.lr = options.learningRate ?? 1e-3;
    assertPositive(this.lr, "learningRate");
    this.c = options.smoothing ?? 0.1;
    assertPositive(this.c, "smoothing");
    const seed = options.seed ?? 0;
    assertInteger(seed, "seed", { min: 0, max: Number.MAX_SAFE_INTEGER });
    this.rng = new Rng(seed);
    this.x = startVector(options.mean0, options.dim, "mean0", 0);
    this.signs = new Float64Array(this.k * options.dim);
    this.evaluationsPerIteration = this.k + 1;
  }

  /** The current iterate x. */
  recommendation(): Vector {
    return this.x.slice();
  }

  protected propose(): AskBatch {
    const d = this.dim;
    const points: Vector[] = [this.x.slice()];
    for (let k = 0; k < this.k; k++) {
      const p = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        const b = this.rng.rademacher();
        this.signs[k * d + j] = b;
        p[j] = (this.x[j] as number) + this.c * b;
      }
      points.push(p);
    }
    return { phase: "probe", points };
  }

  protected absorb(_batch: AskBatch, values: Float64Array): void {
    const d = this.dim;
    const f0 = values[0] as number;
    const scale = this.lr / (this.c * this.k);
    for (let k = 0; k < this.k; k++) {
      const diff = (values[k + 1] as number) - f0;
      for (let j = 0; j < d; j++)
        this.x[j] = (this.x[j] as number) - scale * diff * (this.signs[k * d + j] as number);
    }
    this.iterationCount++;
  }
}
