/**
 * Plain random search, the floor every black-box method must beat (docs/method.md §c.6 ablation baselines): each
 * iteration samples N points from N(centre, σ0² I). The centre is the start point (`'start'`, pure random
 * search, default) or the best point so far (`'best'`, a non-adaptive local search). Its recommendation is
 * the best queried point.
 */
import { assertInteger, assertOneOf, assertPositive, Rng } from "@descent/core-tensor";
import { type AskBatch, AskTellBase, type Vector } from "./ask-tell.js";
import { assertOptionsObject } from "./options-object.js";
import { type ScalarOrVector, startVector } from "./start-vector.js";

/** Options of {@link RandomSearch}. */
export interface RandomSearchOptions {
  dim: number;
  /** Centre of the sampling distribution. Default 0. */
  mean0?: ScalarOrVector;
  /** σ0, sampling standard deviation (> 0 in every coordinate). Default 1. */
  sigma0?: ScalarOrVector;
  /** N, points per batch. Default 20 (SABO's N). */
  populationSize?: number;
  /** Sample around the start (default) or the best point so far. */
  center?: "start" | "best";
  /** Seed. Default 0. */
  seed?: number;
}

/** Random search (ask/tell). */
export class RandomSearch extends AskTellBase {
  readonly name = "random-search";
  readonly evaluationsPerIteration: number;
  private readonly start: Float64Array;
  private readonly sigma: Float64Array;
  private readonly around: "start" | "best";
  private readonly rng: Rng;

  constructor(options: RandomSearchOptions) {
    assertOptionsObject(options, "options", ["dim", "mean0", "sigma0", "populationSize", "center", "seed"]);
    assertInteger(options.dim, "dim", { min: 1 });
    super(options.dim);
    this.evaluationsPerIteration = options.populationSize ?? 20;
    assertInteger(this.evaluationsPerIteration, "populationSize", { min: 1 });
    this.around = options.center ?? "start";
    assertOneOf(this.around, "center", ["start", "best"] as const);
    const seed = options.seed ?? 0;
    assertInteger(seed, "seed", { min: 0, max: Number.MAX_SAFE_INTEGER });
    this.rng = new Rng(seed);
    this.start = startVector(options.mean0, options.dim, "mean0", 0);
    this.sigma = startVector(options.sigma0, options.dim, "sigma0", 1, true);
    for (const s of this.sigma) assertPositive(s, "sigma0");
  }

  /** The best queried point (the start point before any evaluation). */
  recommendation(): Vector {
    return this.evaluations === 0 ? this.start.slice() : this.best.x;
  }

  protected propose(): AskBatch {
    const d = this.dim;
    const centre = this.around === "best" && this.evaluations > 0 ? this.best.x : this.start;
    const points: Vector[] = [];
    for (let i = 0; i < this.evaluationsPerIteration; i++) {
      const x = new Float64Array(d);
      for (let j = 0; j < d; j++)
        x[j] = (centre[j] as number) + (this.sigma[j] as number) * this.rng.normal();
      points.push(x);
    }
    return { phase: "sample", points };
  }

  protected absorb(): void {
    this.iterationCount++;
  }
}
