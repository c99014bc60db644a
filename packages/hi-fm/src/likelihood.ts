/**
 * Likelihood and sampling of a trained flow (docs/method.md, "Likelihood"): the augmented ODE
 * `dx/dt = v(x,t)`, `dℓ/dt = ∇·v(x,t)` integrated backwards from `(x, 0)` at t = 1 to t = 0, then
 * `log p_1(x) = log p_0(x(0)) + ℓ(0)` (Chen et al. 2018; Grathwohl et al. 2019). The divergence is exact
 * (one reverse pass over the batch replicated `d` times) or Hutchinson's estimate with one fixed
 * Rademacher probe per sample and solve. Solvers: RK4 on the cosine grid, or adaptive Dormand–Prince 5(4).
 */
import {
  assertInRange,
  assertInteger,
  assertKnownOptions,
  assertOneOf,
  assertOptionalSignal,
  assertPositive,
  DescentError,
  disposeAbandonedGradientTape,
  Rng,
  tf,
} from "@descent/core-tensor";
import { type OdeGridOptions, timeGrid } from "./analytic-field.js";
import { assertTensorOfRank, assertVectorField } from "./argument-types.js";
import { assertTrainingData } from "./conditional-path.js";
import { removeCenterOfMassInPlace } from "./particles.js";
import { assertPrior, type Prior, priorDim, priorFreeDim, samplePriorInto } from "./prior.js";
import type { VectorField } from "./vector-field.js";

/** How the divergence is computed. */
export type Divergence = { kind: "exact" } | { kind: "hutchinson"; seed: number };

/** ODE solver options. */
export interface OdeOptions extends OdeGridOptions {
  /** `'rk4'` (default) on the grid, or `'dopri5'` (adaptive; `steps`/`grid` ignored). */
  method?: "rk4" | "dopri5";
  /** Relative tolerance of `'dopri5'`. Default `1e-5`. */
  rtol?: number;
  /** Absolute tolerance of `'dopri5'`. Default `1e-5`. */
  atol?: number;
}

/** Options of {@link logProb}. */
export interface LogProbOptions {
  prior: Prior;
  /** Default: RK4, cosine grid, `K = 100`. */
  ode?: OdeOptions;
  /** Default `{ kind: 'exact' }`. */
  divergence?: Divergence;
  /** Samples integrated together. Default `500`. */
  batchSize?: number;
  signal?: AbortSignal;
}

type Dynamics = (x: tf.Tensor2D, t: number) => { v: tf.Tensor2D; div: tf.Tensor1D };

/** Velocity and exact divergence of `field` at `x` (`[B, d]`); the caller owns both tensors. */
/** The checks shared by the two divergence estimators: a field, a live batch [B, field.dim], a time in [0, 1]. */
function checkFieldCall(field: VectorField, x: tf.Tensor2D, t: number): void {
  assertVectorField(field);
  assertTensorOfRank(x, "x", 2);
  if (x.shape[1] !== field.dim || x.shape[0] === 0) {
    throw new DescentError(`x must have shape [B ≥ 1, ${field.dim}], received [${x.shape.join(", ")}]`, {
      parameter: "x",
      code: "shape",
    });
  }
  assertInRange(t, "t", { min: 0, max: 1 });
  assertFiniteTensor(x, "x");
}

/** Runs `f`; when a user field throws inside a gradient, frees the abandoned tape before rethrowing. */
function withTapeCleanup<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    disposeAbandonedGradientTape();
    throw error;
  }
}

/** One read-back to reject NaN/±Infinity in a public call (the ODE loop uses the unchecked forms). */
function assertFiniteTensor(x: tf.Tensor, parameter: string): void {
  const finite = tf.tidy(() => tf.all(tf.isFinite(x)));
  const ok = finite.dataSync()[0] === 1;
  finite.dispose();
  if (!ok)
    throw new DescentError(`${parameter} must be finite (found NaN or ±Infinity)`, {
      parameter,
      code: "finite",
    });
}

export function exactDivergence(
  field: VectorField,
  x: tf.Tensor2D,
  t: number,
): { v: tf.Tensor2D; div: tf.Tensor1D } {
  checkFieldCall(field, x, t);
  return withTapeCleanup(() => exactDivergenceOf(field, x, t));
}

function exactDivergenceOf(
  field: VectorField,
  x: tf.Tensor2D,
  t: number,
): { v: tf.Tensor2D; div: tf.Tensor1D } {
  return tf.tidy(() => {
    const [B, d] = x.shape;
    const tb = tf.fill([B], t) as tf.Tensor1D;
    if (field.valueAndDivergence !== undefined) return field.valueAndDivergence(x, tb);
    const v = field.apply(x, tb);
    // Row k·B + b of the replicated batch carries x_b; the mask picks output k there, so one reverse
    // pass returns ∂v_k/∂x at every row of block k.
    const rep = tf.tile(x, [d, 1]) as tf.Tensor2D;
    const trep = tf.tile(tb, [d]) as tf.Tensor1D;
    const maskData = new Float32Array(d * B * d);
    for (let k = 0; k < d; k++) for (let b = 0; b < B; b++) maskData[(k * B + b) * d + k] = 1;
    const mask = tf.tensor2d(maskData, [d * B, d]);
    const g = tf.grad((xr: tf.Tensor) => tf.sum(tf.mul(field.apply(xr as tf.Tensor2D, trep), mask)))(rep);
    const div = tf.sum(tf.reshape(tf.sum(tf.mul(g, mask), 1), [d, B]), 0) as tf.Tensor1D;
    return { v, div };
  });
}

/** Velocity and Hutchinson divergence `εᵀ(∂v/∂x)ε` with the probe `eps` (`[B, d]`). */
export function hutchinsonDivergence(
  field: VectorField,
  x: tf.Tensor2D,
  t: number,
  eps: tf.Tensor2D,
): { v: tf.Tensor2D; div: tf.Tensor1D } {
  checkFieldCall(field, x, t);
  assertTensorOfRank(eps, "eps", 2);
  if (eps.shape[0] !== x.shape[0] || eps.shape[1] !== x.shape[1]) {
    throw new DescentError(
      `eps must have the shape of x [${x.shape.join(", ")}], received [${eps.shape.join(", ")}]`,
      {
        parameter: "eps",
        code: "shape",
      },
    );
  }
  assertFiniteTensor(eps, "eps");
  return withTapeCleanup(() => hutchinsonDivergenceOf(field, x, t, eps));
}

function hutchinsonDivergenceOf(
  field: VectorField,
  x: tf.Tensor2D,
  t: number,
  eps: tf.Tensor2D,
): { v: tf.Tensor2D; div: tf.Tensor1D } {
  return tf.tidy(() => {
    const tb = tf.fill([x.shape[0]], t) as tf.Tensor1D;
    const v = field.apply(x, tb);
    const g = tf.grad((xr: tf.Tensor) => tf.sum(tf.mul(field.apply(xr as tf.Tensor2D, tb), eps)))(x);
    return { v, div: tf.sum(tf.mul(g, eps), 1) as tf.Tensor1D };
  });
}

function rk4Backward(
  dyn: Dynamics,
  x0: tf.Tensor2D,
  grid: Float64Array,
): { x: tf.Tensor2D; ell: tf.Tensor1D } {
  let x = tf.clone(x0);
  let ell = tf.zeros([x0.shape[0]]) as tf.Tensor1D;
  for (let k = 0; k + 1 < grid.length; k++) {
    const t0 = grid[k] as number;
    const h = (grid[k + 1] as number) - t0;
    const next = tf.tidy(() => {
      const s1 = dyn(x, t0);
      const s2 = dyn(tf.add(x, tf.mul(s1.v, 0.5 * h)) as tf.Tensor2D, t0 + 0.5 * h);
      const s3 = dyn(tf.add(x, tf.mul(s2.v, 0.5 * h)) as tf.Tensor2D, t0 + 0.5 * h);
      const s4 = dyn(tf.add(x, tf.mul(s3.v, h)) as tf.Tensor2D, t0 + h);
      const dv = tf.addN([s1.v, tf.mul(s2.v, 2), tf.mul(s3.v, 2), s4.v]);
      const dl = tf.addN([s1.div, tf.mul(s2.div, 2), tf.mul(s3.div, 2), s4.div]);
      return {
        x: tf.add(x, tf.mul(dv, h / 6)) as tf.Tensor2D,
        ell: tf.add(ell, tf.mul(dl, h / 6)) as tf.Tensor1D,
      };
    });
    x.dispose();
    ell.dispose();
    x = next.x;
    ell = next.ell;
  }
  return { x, ell };
}

// Dormand–Prince 5(4) tableau
const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];
const A: number[][] = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
const B5 = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0];
const B4 = [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40];

function dopriBackward(
  dyn: Dynamics,
  x0: tf.Tensor2D,
  tMax: number,
  rtol: number,
  atol: number,
): { x: tf.Tensor2D; ell: tf.Tensor1D } {
  let x = tf.clone(x0);
  let ell = tf.zeros([x0.shape[0]]) as tf.Tensor1D;
  let t = tMax;
  let h = -0.01;
  let guard = 0;
  while (t > 0) {
    if (++guard > 100000)
      throw new DescentError("dopri5 did not finish: too many steps", {
        parameter: "ode",
        code: "no-convergence",
      });
    if (t + h < 0) h = -t;
    const trial = tf.tidy(() => {
      const ks: { v: tf.Tensor2D; div: tf.Tensor1D }[] = [];
      for (let s = 0; s < 7; s++) {
        let xs: tf.Tensor2D = x;
        const row = A[s] as number[];
        for (let j = 0; j < row.length; j++)
          if (row[j] !== 0)
            xs = tf.add(xs, tf.mul((ks[j] as { v: tf.Tensor2D }).v, h * (row[j] as number))) as tf.Tensor2D;
        ks.push(dyn(xs, t + (C[s] as number) * h));
      }
      const comb = (w: number[], key: "v" | "div") =>
        tf.addN(ks.map((k, j) => tf.mul(k[key], w[j] as number)));
      const x5 = tf.add(x, tf.mul(comb(B5, "v"), h)) as tf.Tensor2D;
      const l5 = tf.add(ell, tf.mul(comb(B5, "div"), h)) as tf.Tensor1D;
      const ex = tf.mul(tf.sub(comb(B5, "v"), comb(B4, "v")), h);
      const el = tf.mul(tf.sub(comb(B5, "div"), comb(B4, "div")), h);
      const sx = tf.add(atol, tf.mul(rtol, tf.maximum(tf.abs(x), tf.abs(x5))));
      const sl = tf.add(atol, tf.mul(rtol, tf.maximum(tf.abs(ell), tf.abs(l5))));
      const err = tf.sqrt(
        tf.div(
          tf.add(tf.sum(tf.square(tf.div(ex, sx))), tf.sum(tf.square(tf.div(el, sl)))),
          x.size + ell.size,
        ),
      );
      return { x5, l5, err };
    });
    const err = (trial.err.dataSync()[0] as number) || 0;
    trial.err.dispose();
    if (err <= 1) {
      x.dispose();
      ell.dispose();
      x = trial.x5;
      ell = trial.l5;
      t += h;
    } else {
      trial.x5.dispose();
      trial.l5.dispose();
    }
    const factor = err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * err ** -0.2));
    h *= factor;
  }
  return { x, ell };
}

function toMatrix(x: readonly Float64Array[], d: number, from: number, to: number): Float32Array {
  const out = new Float32Array((to - from) * d);
  for (let i = from; i < to; i++) {
    const xi = x[i] as Float64Array;
    if (xi.length !== d)
      throw new DescentError(`x[${i}] must have length ${d}, received ${xi.length}`, {
        parameter: "x",
        code: "shape",
      });
    for (let k = 0; k < d; k++) out[(i - from) * d + k] = xi[k] as number;
  }
  return out;
}

/**
 * `log p_1(x)` of the flow `field` for each sample of `x` (float64 results of a float32 solve).
 * Tensors are created and disposed inside; nothing is left allocated.
 */
export async function logProb(
  field: VectorField,
  x: readonly Float64Array[],
  options: LogProbOptions,
): Promise<Float64Array> {
  assertVectorField(field);
  if (options === undefined) assertKnownOptions(null, []);
  assertKnownOptions(options, ["prior", "ode", "divergence", "batchSize", "signal"]);
  assertKnownOptions(options.ode, ["steps", "grid", "tMax", "method", "rtol", "atol"], "ode");
  assertOptionalSignal(options.signal);
  if (!Array.isArray(x)) assertTrainingData(x, "x"); // throws: x must be an array of Float64Array
  if (x.length > 0) assertTrainingData(x, "x");
  const { prior, ode = {}, divergence = { kind: "exact" }, batchSize = 500 } = options;
  assertPrior(prior);
  const d = priorDim(prior);
  if (field.dim !== d)
    throw new DescentError(`field.dim (${field.dim}) must equal the prior dimension ${d}`, {
      parameter: "field",
      code: "shape",
    });
  assertInteger(batchSize, "batchSize", { min: 1 });
  const method = ode.method ?? "rk4";
  assertOneOf(method, "ode.method", ["rk4", "dopri5"]);
  assertOneOf(divergence.kind, "divergence.kind", ["exact", "hutchinson"]);
  const rtol = ode.rtol ?? 1e-5;
  const atol = ode.atol ?? 1e-5;
  assertPositive(rtol, "ode.rtol");
  assertPositive(atol, "ode.atol");
  // the ODE options are split: the grid's keys go to timeGrid, the solver's stay here (checked above)
  const { method: _method, rtol: _rtol, atol: _atol, ...gridOptions } = ode;
  const grid = timeGrid(gridOptions);
  const tMax = ode.tMax ?? 1 - 1e-6;
  const free = priorFreeDim(prior);
  const out = new Float64Array(x.length);
  const probeRng = divergence.kind === "hutchinson" ? new Rng(divergence.seed) : undefined;
  for (let from = 0; from < x.length; from += batchSize) {
    if (options.signal?.aborted) throw new DescentError("logProb aborted", { code: "aborted" });
    const to = Math.min(x.length, from + batchSize);
    const B = to - from;
    const xs = tf.tensor2d(toMatrix(x, d, from, to), [B, d]);
    let eps: tf.Tensor2D | undefined;
    if (probeRng !== undefined) {
      const e = new Float32Array(B * d);
      for (let k = 0; k < e.length; k++) e[k] = probeRng.rademacher();
      if (prior.kind === "com-free")
        for (let b = 0; b < B; b++) removeCenterOfMassInPlace(e.subarray(b * d, (b + 1) * d), prior.layout);
      eps = tf.tensor2d(e, [B, d]);
    }
    const dyn: Dynamics =
      eps === undefined
        ? (y, t) => exactDivergenceOf(field, y, t)
        : (y, t) => hutchinsonDivergenceOf(field, y, t, eps as tf.Tensor2D);
    let z: tf.Tensor;
    let ell: tf.Tensor;
    try {
      // tidy frees the integrator's intermediate states when a user field throws mid-way
      [z, ell] = tf.tidy(() => {
        const r = method === "rk4" ? rk4Backward(dyn, xs, grid) : dopriBackward(dyn, xs, tMax, rtol, atol);
        return [r.x, r.ell];
      });
    } catch (error) {
      disposeAbandonedGradientTape();
      throw error;
    } finally {
      xs.dispose();
      eps?.dispose();
    }
    const zd = await z.data();
    const ld = await ell.data();
    for (const t of [z, ell]) t.dispose();
    for (let b = 0; b < B; b++) {
      let q = 0;
      for (let k = 0; k < d; k++) q += (zd[b * d + k] as number) ** 2;
      out[from + b] = -0.5 * q - 0.5 * free * Math.log(2 * Math.PI) + (ld[b] as number);
    }
    await new Promise((r) => setTimeout(r, 0));
  }
  return out;
}

/** Options of {@link sample}. */
export interface SampleOptions {
  prior: Prior;
  /** RK4 grid. Default cosine, `K = 100`. */
  ode?: OdeGridOptions;
  seed: number;
}

/** `n` samples of the flow: prior samples pushed forward from t = 0 to 1 with RK4. */
export async function sample(field: VectorField, n: number, options: SampleOptions): Promise<Float64Array[]> {
  assertVectorField(field);
  if (options === undefined) assertKnownOptions(null, []);
  assertKnownOptions(options, ["prior", "ode", "seed"]);
  assertKnownOptions(options.ode, ["steps", "grid", "tMax"], "ode");
  assertInteger(options.seed, "seed");
  const { prior } = options;
  assertPrior(prior);
  assertInteger(n, "n", { min: 0 });
  const d = priorDim(prior);
  const rng = new Rng(options.seed);
  const z = new Float32Array(n * d);
  for (let i = 0; i < n; i++) samplePriorInto(prior, rng, z.subarray(i * d, (i + 1) * d));
  const grid = timeGrid(options.ode).reverse();
  let x = tf.tensor2d(z, [n, d]);
  try {
    for (let k = 0; k + 1 < grid.length; k++) {
      const t0 = grid[k] as number;
      const h = (grid[k + 1] as number) - t0;
      const next = tf.tidy(() => {
        const f = (y: tf.Tensor2D, t: number) => field.apply(y, tf.fill([n], t) as tf.Tensor1D);
        const k1 = f(x, t0);
        const k2 = f(tf.add(x, tf.mul(k1, 0.5 * h)) as tf.Tensor2D, t0 + 0.5 * h);
        const k3 = f(tf.add(x, tf.mul(k2, 0.5 * h)) as tf.Tensor2D, t0 + 0.5 * h);
        const k4 = f(tf.add(x, tf.mul(k3, h)) as tf.Tensor2D, t0 + h);
        return tf.add(x, tf.mul(tf.addN([k1, tf.mul(k2, 2), tf.mul(k3, 2), k4]), h / 6)) as tf.Tensor2D;
      });
      x.dispose();
      x = next;
    }
  } catch (error) {
    x.dispose(); // a user field that throws mid-way
    throw error;
  }
  const data = await x.data();
  x.dispose();
  return Array.from({ length: n }, (_, i) => Float64Array.from(data.subarray(i * d, (i + 1) * d)));
}
