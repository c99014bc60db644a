/**
 * The cross-entropy-method actor baseline of SAVO (docs/savo.md, "baselines"; QT-Opt style): no actor
 * network; at every decision, sample a Gaussian population over the action box, keep the elites by
 * value, refit the Gaussian to them, and return the best action seen.
 */
import { assertInteger, assertPositive, DescentError, type Rng } from "@descent/core-tensor";

/** Options of {@link CemActor}. */
export interface CemActorOptions {
  /** Population per iteration = 64. */
  population?: number;
  /** Elites kept per iteration = 6. */
  elites?: number;
  /** Iterations = 3. */
  iterations?: number;
  /** Initial standard deviation, in units of the bound = 1 (N(0, I) clipped to the box). */
  initialStd?: number;
}

/** CEM maximiser of an action-value function over a box [−bound, bound]. */
export class CemActor {
  readonly population: number;
  readonly elites: number;
  readonly iterations: number;
  readonly initialStd: number;

  constructor(opts: CemActorOptions = {}) {
    this.population = opts.population ?? 64;
    this.elites = opts.elites ?? 6;
    this.iterations = opts.iterations ?? 3;
    this.initialStd = opts.initialStd ?? 1;
    assertInteger(this.population, "population", { min: 1 });
    assertInteger(this.elites, "elites", { min: 1, max: this.population });
    assertInteger(this.iterations, "iterations", { min: 1 });
    assertPositive(this.initialStd, "initialStd");
  }

  /** The best action found for `value` (evaluated on a batch of candidate actions). */
  maximise(
    value: (actions: readonly Float64Array[]) => ArrayLike<number>,
    bound: ArrayLike<number>,
    rng: Rng,
  ): Float64Array {
    const d = bound.length;
    if (d === 0) throw new DescentError("bound must be non-empty", { parameter: "bound", code: "empty" });
    const mean = new Float64Array(d);
    const std = Float64Array.from(bound, (b) => b * this.initialStd);
    let best: Float64Array = new Float64Array(d);
    let bestV = Number.NEGATIVE_INFINITY;
    for (let it = 0; it < this.iterations; it++) {
      const pop: Float64Array[] = [];
      for (let p = 0; p < this.population; p++) {
        const a = new Float64Array(d);
        for (let j = 0; j < d; j++) {
          const b = bound[j] as number;
          a[j] = Math.min(b, Math.max(-b, rng.normal(mean[j] as number, std[j] as number)));
        }
        pop.push(a);
      }
      const v = value(pop);
      const order = Array.from(pop.keys()).sort((x, y) => (v[y] as number) - (v[x] as number) || x - y);
      if ((v[order[0] as number] as number) > bestV) {
        bestV = v[order[0] as number] as number;
        best = pop[order[0] as number] as Float64Array;
      }
      for (let j = 0; j < d; j++) {
        let m = 0;
        for (let e = 0; e < this.elites; e++)
          m += ((pop[order[e] as number] as Float64Array)[j] as number) / this.elites;
        let s = 0;
        for (let e = 0; e < this.elites; e++)
          s += (((pop[order[e] as number] as Float64Array)[j] as number) - m) ** 2 / this.elites;
        mean[j] = m;
        std[j] = Math.sqrt(s) + 1e-6;
      }
    }
    return Float64Array.from(best);
  }
}
