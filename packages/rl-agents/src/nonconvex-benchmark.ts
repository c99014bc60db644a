/**
 * LRRL's stationary non-convex benchmark (docs/method.md §B.c (baseline 6), B.e B-R2): plain SGD on six classic 2-D test
 * functions, either with one fixed step size or with the LRRL bandit choosing the step size every
 * round of 10 steps from the feedback f_n = −log(1 + loss) at the end of the round. The six functions
 * are the project's choice (docs/method.md §B.c (baseline 6) [project]): Rosenbrock, Rastrigin, Ackley, Beale, Himmelblau,
 * Styblinski–Tang; losses are shifted so that the global minimum is 0.
 */
import { assertAllFinite, assertInteger, DescentError } from "@descent/core-tensor";
import { LearningRateBandit } from "./learning-rate-bandit.js";
import type { LrBanditOptions } from "./time-decayed-exp3.js";

/** A test function with its gradient, its minimum value and the benchmark's defaults. */
export interface TestFunction {
  readonly name: string;
  /** f(x) − f_min (≥ 0). */
  loss(x: Float64Array): number;
  /** ∇f(x) written into `out`. */
  gradient(x: Float64Array, out: Float64Array): Float64Array;
  /** Fixed starting point (our choice). */
  readonly start: readonly number[];
  /** Five step sizes spanning two decades whose largest diverges alone (calibrated, our choice). */
  readonly stepSizes: readonly number[];
}

const ST_MIN_1D = -39.16616570377142; // Styblinski–Tang minimum per coordinate, at x = −2.903534

/** A loss this many times the initial loss ends a run as diverged (our choice). */
const DIVERGENCE_FACTOR = 1e12;

function decades(max: number): number[] {
  return [0.01, 0.0316, 0.1, 0.316, 1].map((f) => f * max);
}

/** The six functions of the benchmark (docs/method.md §B.c (baseline 6) [project]). */
export const testFunctions: readonly TestFunction[] = [
  {
    name: "Rosenbrock",
    loss: (x) => (1 - (x[0] as number)) ** 2 + 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2,
    gradient: (x, out) => {
      const a = x[0] as number;
      const b = x[1] as number;
      out[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      out[1] = 200 * (b - a * a);
      return out;
    },
    start: [-1.2, 1],
    stepSizes: decades(6.2e-3),
  },
  {
    name: "Rastrigin",
    loss: (x) => {
      let s = 20;
      for (const v of x) s += v * v - 10 * Math.cos(2 * Math.PI * v);
      return s;
    },
    gradient: (x, out) => {
      for (let i = 0; i < 2; i++) {
        const v = x[i] as number;
        out[i] = 2 * v + 20 * Math.PI * Math.sin(2 * Math.PI * v);
      }
      return out;
    },
    start: [2.2, -2.7],
    stepSizes: decades(1.05),
  },
  {
    name: "Ackley",
    loss: (x) => {
      const a = x[0] as number;
      const b = x[1] as number;
      const r = Math.sqrt(0.5 * (a * a + b * b));
      return (
        -20 * Math.exp(-0.2 * r) -
        Math.exp(0.5 * (Math.cos(2 * Math.PI * a) + Math.cos(2 * Math.PI * b))) +
        Math.E +
        20
      );
    },
    gradient: (x, out) => {
      const a = x[0] as number;
      const b = x[1] as number;
      const r = Math.sqrt(0.5 * (a * a + b * b));
      const e1 = Math.exp(-0.2 * r);
      const e2 = Math.exp(0.5 * (Math.cos(2 * Math.PI * a) + Math.cos(2 * Math.PI * b)));
      for (let i = 0; i < 2; i++) {
        const v = i === 0 ? a : b;
        // d/dv of −20·exp(−0.2 r) is 2·exp(−0.2 r)·v/r (r > 0); the cosine term gives π·sin(2πv)·e2
        out[i] = (r > 0 ? (2 * e1 * v) / r : 0) + Math.PI * Math.sin(2 * Math.PI * v) * e2;
      }
      return out;
    },
    start: [1.7, -2.3],
    stepSizes: decades(1),
  },
  {
    name: "Beale",
    loss: (x) => {
      const a = x[0] as number;
      const b = x[1] as number;
      return (1.5 - a + a * b) ** 2 + (2.25 - a + a * b * b) ** 2 + (2.625 - a + a * b ** 3) ** 2;
    },
    gradient: (x, out) => {
      const a = x[0] as number;
      const b = x[1] as number;
      const t1 = 1.5 - a + a * b;
      const t2 = 2.25 - a + a * b * b;
      const t3 = 2.625 - a + a * b ** 3;
      out[0] = 2 * t1 * (b - 1) + 2 * t2 * (b * b - 1) + 2 * t3 * (b ** 3 - 1);
      out[1] = 2 * t1 * a + 2 * t2 * 2 * a * b + 2 * t3 * 3 * a * b * b;
      return out;
    },
    start: [1, 1.5],
    stepSizes: decades(3.6e-2),
  },
  {
    name: "Himmelblau",
    loss: (x) => {
      const a = x[0] as number;
      const b = x[1] as number;
      return (a * a + b - 11) ** 2 + (a + b * b - 7) ** 2;
    },
    gradient: (x, out) => {
      const a = x[0] as number;
      const b = x[1] as number;
      const u = a * a + b - 11;
      const v = a + b * b - 7;
      out[0] = 4 * a * u + 2 * v;
      out[1] = 2 * u + 4 * b * v;
      return out;
    },
    start: [0, 0],
    stepSizes: decades(4e-2),
  },
  {
    name: "Styblinski-Tang",
    loss: (x) => {
      let s = 0;
      for (const v of x) s += 0.5 * (v ** 4 - 16 * v * v + 5 * v);
      return s - 2 * ST_MIN_1D;
    },
    gradient: (x, out) => {
      for (let i = 0; i < 2; i++) {
        const v = x[i] as number;
        out[i] = 0.5 * (4 * v ** 3 - 32 * v + 5);
      }
      return out;
    },
    start: [0.5, 0.5],
    stepSizes: decades(0.125),
  },
];

/** Result of one SGD run of the benchmark. */
export interface SgdRunResult {
  /** loss after every step (index 0 = at the start); NaN/Infinity once diverged. */
  losses: number[];
  finalLoss: number;
  /**
   * True when an iterate became non-finite (the run stops there, docs/method.md §B.e B-R2 guard) or the loss
   * exceeded 1e12 times its initial value (our choice).
   */
  diverged: boolean;
  /** Step size used in each step. */
  stepSizes: number[];
  /** Arm probabilities after each round (LRRL runs only). */
  probabilities: number[][];
}

/** Options of {@link runSgdBenchmark}. */
export interface SgdBenchmarkOptions {
  fn: TestFunction;
  /** Total SGD steps = 500 (our choice: 50 rounds). */
  steps?: number;
  /** A fixed step size, or `bandit` options (arms = step sizes) for LRRL. */
  stepSize?: number;
  bandit?: LrBanditOptions;
  /** SGD steps per bandit round = 10 (docs/method.md §B.e B-R2). */
  roundSteps?: number;
}

/**
 * Plain SGD on a test function with a fixed step size or LRRL-chosen step sizes (docs/method.md §B.e B-R2).
 * Feedback f_n = −log(1 + loss) at the end of each round; a non-finite loss is fed back as
 * (worst feedback so far − 1); a non-finite iterate ends the run as diverged.
 */
export function runSgdBenchmark(opts: SgdBenchmarkOptions): SgdRunResult {
  const steps = opts.steps ?? 500;
  const roundSteps = opts.roundSteps ?? 10;
  assertInteger(steps, "steps", { min: 1 });
  assertInteger(roundSteps, "roundSteps", { min: 1 });
  if ((opts.stepSize === undefined) === (opts.bandit === undefined)) {
    throw new DescentError("give exactly one of stepSize and bandit", { parameter: "stepSize" });
  }
  if (opts.stepSize !== undefined && !(opts.stepSize > 0 && Number.isFinite(opts.stepSize))) {
    throw new DescentError(`stepSize must be a finite positive number, received ${opts.stepSize}`, {
      parameter: "stepSize",
      code: "range",
    });
  }
  const fn = opts.fn;
  assertAllFinite(fn.start, "fn.start");
  const x = Float64Array.from(fn.start);
  const g = new Float64Array(x.length);
  const lrb = opts.bandit === undefined ? null : new LearningRateBandit(opts.bandit);
  let lr = opts.stepSize ?? 0;
  const losses = [fn.loss(x)];
  const used: number[] = [];
  const probabilities: number[][] = [];
  let worst = Number.POSITIVE_INFINITY;
  let diverged = false;
  for (let t = 0; t < steps; t++) {
    if (lrb !== null && t % roundSteps === 0) lr = lrb.beginRound();
    fn.gradient(x, g);
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) - lr * (g[i] as number);
    used.push(lr);
    const loss = fn.loss(x);
    losses.push(loss);
    // our choice: a loss 1e12 times the initial one also counts as diverged (linear-rate blow-ups)
    if (!x.every(Number.isFinite) || !(loss <= DIVERGENCE_FACTOR * (losses[0] as number))) {
      diverged = true;
      break;
    }
    if (lrb !== null && (t + 1) % roundSteps === 0) {
      let f = -Math.log1p(loss);
      if (!Number.isFinite(f)) f = (Number.isFinite(worst) ? worst : 0) - 1;
      worst = Math.min(worst, f);
      lrb.endRound(f);
      probabilities.push([...lrb.bandit.probabilities]);
    }
  }
  return { losses, finalLoss: losses[losses.length - 1] as number, diverged, stepSizes: used, probabilities };
}
