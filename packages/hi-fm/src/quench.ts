/**
 * Quenching: local energy minimisation from a configuration (docs/method.md, "Where the Hessian is
 * evaluated"). The paper linearises the relaxation dynamics around an equilibrium; a thermal data point is
 * not one, so its Hessian is often indefinite. `hessianAt: 'quench'` evaluates the Hessian at the local
 * minimum that gradient descent reaches from the data point instead (our option; the path still ends at
 * the data point). Float64 limited-memory BFGS with a backtracking (Armijo) line search.
 */
import { assertInteger, assertKnownOptions, assertPositive, DescentError } from "@descent/core-tensor";
import { assertEnergy } from "./argument-types.js";
import { assertConfiguration, assertEnergyValue, type Energy } from "./energy.js";

/** Options of {@link quench}. */
export interface QuenchOptions {
  /** Iteration cap. Default `1000` (our choice). */
  maxIterations?: number;
  /** Stop once `‖∇V‖∞ ≤ gradientTolerance`. Default `1e-8` (our choice). */
  gradientTolerance?: number;
  /** Number of stored curvature pairs of L-BFGS. Default `10` (our choice). */
  memory?: number;
  /** Length of the first trial step along `−∇V` (later steps are scaled by L-BFGS). Default `1e-2`. */
  initialStep?: number;
}

/** The outcome of {@link quench}. */
export interface QuenchResult {
  /** The local minimiser reached (a new array). */
  readonly x: Float64Array;
  /** `V` there. */
  readonly energy: number;
  /** `‖∇V‖∞` there. */
  readonly gradientNorm: number;
  readonly iterations: number;
  /** Whether the gradient tolerance was met within the iteration cap. */
  readonly converged: boolean;
}

const QUENCH_KEYS = ["maxIterations", "gradientTolerance", "memory", "initialStep"] as const;

/** Validates quench options and fills the documented defaults. */
export function resolveQuenchOptions(
  options: QuenchOptions | undefined,
  parameter = "quench",
): Required<QuenchOptions> {
  assertKnownOptions(options, QUENCH_KEYS, parameter);
  const { maxIterations = 1000, gradientTolerance = 1e-8, memory = 10, initialStep = 1e-2 } = options ?? {};
  assertInteger(maxIterations, `${parameter}.maxIterations`, { min: 1 });
  assertPositive(gradientTolerance, `${parameter}.gradientTolerance`);
  assertInteger(memory, `${parameter}.memory`, { min: 1 });
  assertPositive(initialStep, `${parameter}.initialStep`);
  return { maxIterations, gradientTolerance, memory, initialStep };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}

/**
 * Minimises `energy` locally from `x0` by L-BFGS with Armijo backtracking; never increases the energy beyond float64
 * rounding.
 * Deterministic (no randomness). For translation-invariant particle energies the gradient has no
 * centre-of-mass component, so the centre of mass of `x0` is kept.
 *
 * @example
 * ```ts
 * const lj = lennardJones({ layout: { nParticles: 13, spaceDim: 3 }, oscillator: 0 });
 * const { energy } = quench(lj, icosahedron13()); // ≈ −44.3268
 * ```
 */
export function quench(energy: Energy, x0: Float64Array, options?: QuenchOptions): QuenchResult {
  assertEnergy(energy);
  const opts = resolveQuenchOptions(options, "options");
  assertConfiguration(x0, "x0", energy.dim);
  const d = energy.dim;
  const x = Float64Array.from(x0);
  let f = assertEnergyValue(energy.value(x), "energy");
  if (!Number.isFinite(f)) {
    throw new DescentError(`energy must be finite at x0, received ${f}`, { parameter: "x0", code: "finite" });
  }
  let g = energy.gradient(x, new Float64Array(d));
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const dir = new Float64Array(d);
  const xNew = new Float64Array(d);
  const alpha = new Float64Array(opts.memory);
  let it = 0;
  let gNorm = maxAbs(g);
  while (it < opts.maxIterations && gNorm > opts.gradientTolerance) {
    // two-loop recursion: dir = −H_k ∇V
    dir.set(g);
    for (let k = sHist.length - 1; k >= 0; k--) {
      const a = (rhoHist[k] as number) * dot(sHist[k] as Float64Array, dir);
      alpha[k] = a;
      const yk = yHist[k] as Float64Array;
      for (let i = 0; i < d; i++) dir[i] = (dir[i] as number) - a * (yk[i] as number);
    }
    let gamma: number;
    if (sHist.length > 0) {
      const s = sHist[sHist.length - 1] as Float64Array;
      const y = yHist[yHist.length - 1] as Float64Array;
      gamma = dot(s, y) / dot(y, y);
    } else {
      gamma = opts.initialStep / Math.max(Math.sqrt(dot(g, g)), Number.MIN_VALUE);
    }
    for (let i = 0; i < d; i++) dir[i] = gamma * (dir[i] as number);
    for (let k = 0; k < sHist.length; k++) {
      const b = (rhoHist[k] as number) * dot(yHist[k] as Float64Array, dir);
      const sk = sHist[k] as Float64Array;
      const a = alpha[k] as number;
      for (let i = 0; i < d; i++) dir[i] = (dir[i] as number) + (a - b) * (sk[i] as number);
    }
    for (let i = 0; i < d; i++) dir[i] = -(dir[i] as number);
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // not a descent direction (curvature pairs went stale): restart from steepest descent
      sHist.length = 0;
      yHist.length = 0;
      rhoHist.length = 0;
      const scale = opts.initialStep / Math.max(Math.sqrt(dot(g, g)), Number.MIN_VALUE);
      for (let i = 0; i < d; i++) dir[i] = -scale * (g[i] as number);
      slope = dot(g, dir);
    }
    // Near the minimum the decrease falls below float64 resolution of V; a rounding-level slack keeps
    // the line search from stalling there (the gradient test, not V, decides convergence).
    const slack = 8 * Number.EPSILON * Math.max(1, Math.abs(f));
    let step = 1;
    let fNew = Number.POSITIVE_INFINITY;
    for (let bt = 0; bt < 60; bt++) {
      for (let i = 0; i < d; i++) xNew[i] = (x[i] as number) + step * (dir[i] as number);
      fNew = energy.value(xNew);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope + slack) break;
      step *= 0.5;
    }
    it++;
    if (!(Number.isFinite(fNew) && fNew <= f + slack)) break; // no decrease possible at float64 resolution
    const gNew = energy.gradient(xNew, new Float64Array(d));
    const s = new Float64Array(d);
    const y = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      s[i] = (xNew[i] as number) - (x[i] as number);
      y[i] = (gNew[i] as number) - (g[i] as number);
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      sHist.push(s);
      yHist.push(y);
      rhoHist.push(1 / sy);
      if (sHist.length > opts.memory) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
    }
    x.set(xNew);
    f = fNew;
    g = gNew;
    gNorm = maxAbs(g);
  }
  return { x, energy: f, gradientNorm: gNorm, iterations: it, converged: gNorm <= opts.gradientTolerance };
}
