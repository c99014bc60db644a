/**
 * The ask/tell contract shared by SABO and every baseline, so that the objective can live anywhere (an
 * API, a simulator, a GPU in another process): `ask()` hands out a batch of candidate points, the caller
 * evaluates them however it likes (in parallel, batched, asynchronously) and returns the values with
 * `tell(values)`. The base class does the bookkeeping common to all methods: one pending batch at a
 * time, value validation (non-finite objective values are an error, not silently ignored), the evaluation
 * counter and the best point queried so far.
 *
 * @example
 * ```ts
 * const opt = new Sabo({ dim: 10, seed: 1 });
 * while (opt.evaluations + opt.evaluationsPerIteration <= 4000) {
 *   const { points } = opt.ask();
 *   opt.tell(await myRemoteObjective(points));
 * }
 * console.log(opt.recommendation(), opt.best.value);
 * ```
 */
import { DescentError, describeValue } from "@descent/core-tensor";

/** A point of the search space, always float64 (docs/method.md §h.4: optimiser state is kept in float64). */
export type Vector = Float64Array;

/**
 * Which batch an {@link AskBatch} is: SABO's `'ascent'` batch estimates the gradient at the current
 * Gaussian to find the worst case in the KL ball, its `'descent'` batch the gradient there (docs/method.md §c.4);
 * `'sample'` is the single batch of INGO, CMA-ES and random search; `'probe'` is BES's centre plus
 * perturbed points.
 */
export type BatchPhase = "ascent" | "descent" | "sample" | "probe";

/**
 * A batch of candidates to evaluate. The points are fresh arrays; the optimiser reads them back only in
 * `tell()`, to record the best point, so do not modify them before telling their values.
 */
export interface AskBatch {
  readonly phase: BatchPhase;
  readonly points: readonly Vector[];
}

/** The best queried point and its value (a copy). */
export interface BestPoint {
  readonly x: Vector;
  readonly value: number;
}

/** What every optimiser of this package implements. */
export interface AskTellOptimizer {
  /** Short method name, e.g. `"sabo"`, `"cma-es"`. */
  readonly name: string;
  /** Search dimension d. */
  readonly dim: number;
  /** Completed iterations (an iteration of SABO is its ascent and its descent batch). */
  readonly iteration: number;
  /** Objective values told so far. */
  readonly evaluations: number;
  /** Objective values one full iteration needs (SABO: 2N, or N when ρ = 0). */
  readonly evaluationsPerIteration: number;
  /** True when the next `ask()` starts a new iteration (false between SABO's ascent and descent). */
  readonly atIterationStart: boolean;
  /** Best queried point so far (value `+Infinity` before the first `tell`). */
  readonly best: BestPoint;
  /** Hands out the next batch. Throws if the previous batch was not told. */
  ask(): AskBatch;
  /** Returns the objective values of the last asked batch, in the same order. */
  tell(values: ArrayLike<number>): void;
  /** The method's recommended solution (the search mean for SABO, INGO, CMA-ES; a copy). */
  recommendation(): Vector;
  /** A reason to stop that the method itself detected (e.g. `"collapsed"` variance), or `null`. */
  stopReason(): string | null;
}

/**
 * Bookkeeping shared by all optimisers; subclasses implement {@link AskTellBase.propose} and
 * {@link AskTellBase.absorb}.
 */
export abstract class AskTellBase implements AskTellOptimizer {
  abstract readonly name: string;
  abstract readonly evaluationsPerIteration: number;
  readonly dim: number;
  protected iterationCount = 0;
  protected evaluationCount = 0;
  private pending: AskBatch | null = null;
  private bestX: Vector;
  private bestValue = Number.POSITIVE_INFINITY;

  protected constructor(dim: number) {
    this.dim = dim;
    this.bestX = new Float64Array(dim);
  }

  get iteration(): number {
    return this.iterationCount;
  }

  get evaluations(): number {
    return this.evaluationCount;
  }

  get atIterationStart(): boolean {
    return this.pending === null && this.phaseIsFirst();
  }

  get best(): BestPoint {
    return { x: this.bestX.slice(), value: this.bestValue };
  }

  ask(): AskBatch {
    if (this.pending !== null) {
      throw new DescentError("ask() called twice: tell() the values of the pending batch first", {
        parameter: "ask",
        code: "state",
      });
    }
    const batch = this.propose();
    this.pending = batch;
    return batch;
  }

  tell(values: ArrayLike<number>): void {
    const batch = this.pending;
    if (batch === null) {
      throw new DescentError("tell() called without a pending batch: call ask() first", {
        parameter: "values",
        code: "state",
      });
    }
    if (values === null || typeof values !== "object" || typeof values.length !== "number") {
      throw new DescentError(`values must be an array of numbers, received ${describeValue(values)}`, {
        parameter: "values",
        code: "type",
      });
    }
    if (values.length !== batch.points.length) {
      throw new DescentError(
        `values must have one entry per asked point (${batch.points.length}), received length ${values.length}`,
        { parameter: "values", code: "shape" },
      );
    }
    const f = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new DescentError(
          `values must be finite objective values, received ${describeValue(v)} at index ${i} (phase '${batch.phase}'); ` +
            "return a large finite penalty for infeasible points instead",
          { parameter: "values", code: "finite" },
        );
      }
      f[i] = v;
    }
    this.pending = null;
    this.evaluationCount += f.length;
    for (let i = 0; i < f.length; i++) {
      if ((f[i] as number) < this.bestValue) {
        this.bestValue = f[i] as number;
        this.bestX = (batch.points[i] as Vector).slice();
      }
    }
    this.absorb(batch, f);
  }

  abstract recommendation(): Vector;

  stopReason(): string | null {
    return null;
  }

  /** Whether the next proposed batch is the first of an iteration (SABO overrides it). */
  protected phaseIsFirst(): boolean {
    return true;
  }

  /** Builds the next batch. */
  protected abstract propose(): AskBatch;

  /** Consumes the validated values of `batch`; increments {@link iterationCount} when an iteration ends. */
  protected abstract absorb(batch: AskBatch, values: Float64Array): void;
}
