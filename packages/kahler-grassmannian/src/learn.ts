/**
 * Learning metrics on subspaces of sections (docs/method.md §8): Method B of the paper (W on the
 * Grassmannian and h on the fibre learned jointly: a Riemannian Armijo step in W with h transported,
 * then an affine-invariant Armijo step in h), Baseline C (`learnH`: the full h-matrix learned with
 * affine-invariant steps from the balanced metric), and the random-subspace and spectral-truncation
 * starting points, and Method A (Donaldson on the subspace, the W-gradient through K unrolled T-steps).
 */
import {
  assertInteger,
  assertKnownOptions,
  assertOptionalFunction,
  assertOptionalSignal,
  assertPositive,
  type CMatrix,
  cidentity,
  cmatmul,
  cmatrix,
  complexQr,
  DescentError,
  hermitianEigh,
  hermitianInverse,
  hermitianRankKUpdate,
  Rng,
  randomComplexNormalMatrix,
} from "@descent/core-tensor";
import { assertMatrix, assertPointCloud, assertSectionBasis } from "./argument-checks.js";
import { relativeChange, symmetriseToTrace } from "./balanced-metric.js";
import { descendFactor } from "./factor-descent.js";
import {
  affineInvariantStep,
  frobenius,
  grassmannRetract,
  hermitianFunction,
  horizontalProjection,
  transportH,
} from "./grassmann.js";
import type { SubspaceMetric } from "./h-matrix.js";
import { evaluateSections } from "./jets.js";
import { lossGradient, type MetricLoss } from "./loss-gradient.js";
import type { PointCloud } from "./point-cloud.js";
import type { SectionBasis } from "./section-basis.js";
import { maL2Loss, sigma } from "./sigma-measure.js";
import { unrolledLoss, unrolledObjective } from "./unrolled-donaldson.js";

/** M(h) on the subspace: (m/V)·Σ (w/t†ht)·tt† with t = W†s. */
export function subspaceTOperator(cloud: PointCloud, basis: SectionBasis, W: CMatrix, h: CMatrix): CMatrix {
  assertMatrix(W, "W", basis.size, null);
  assertMatrix(h, "h", W.cols, W.cols);
  assertPointCloud(cloud);
  assertSectionBasis(basis);
  const m = W.cols;
  const Wc = cmatrix(
    W.rows,
    m,
    W.re.slice(),
    W.im.map((v) => -v),
  );
  const M = cmatrix(m, m);
  let V = 0;
  const chunk = 2048;
  for (let s = 0; s < cloud.n; s += chunk) {
    const e = Math.min(cloud.n, s + chunk);
    const t = cmatmul(evaluateSections(cloud, basis, s, e), Wc);
    const P = cmatmul(t, h, { opB: "T" });
    const c = new Float64Array(e - s);
    for (let i = 0; i < e - s; i++) {
      let S = 0;
      for (let a = 0; a < m; a++) {
        const o = i * m + a;
        S += (t.re[o] as number) * (P.re[o] as number) + (t.im[o] as number) * (P.im[o] as number);
      }
      c[i] = (cloud.weight[s + i] as number) / S;
    }
    hermitianRankKUpdate(M, t, c);
  }
  for (let i = 0; i < cloud.n; i++) V += cloud.weight[i] as number;
  const f = m / V;
  return cmatrix(
    m,
    m,
    M.re.map((v) => v * f),
    M.im.map((v) => v * f),
  );
}

/** Donaldson's iteration on the subspace spanned by W's columns (h ← M(h)⁻¹, tr h = m). */
export function subspaceBalanced(
  cloud: PointCloud,
  basis: SectionBasis,
  W: CMatrix,
  options: { iterations?: number; tolerance?: number; h0?: CMatrix } = {},
): CMatrix {
  assertMatrix(W, "W", basis.size, null);
  assertKnownOptions(options, ["iterations", "tolerance", "h0"]);
  assertPointCloud(cloud);
  assertSectionBasis(basis);
  let h = options.h0 ?? cidentity(W.cols);
  const tol = options.tolerance ?? 1e-8;
  for (let r = 0; r < (options.iterations ?? 10); r++) {
    const next = symmetriseToTrace(hermitianInverse(subspaceTOperator(cloud, basis, W, h)));
    const change = relativeChange(next, h);
    h = next;
    if (change < tol) break;
  }
  return h;
}

/** A Haar-random m-dimensional subspace of C^N: qf of a complex Gaussian N × m matrix. */
export function haarSubspace(N: number, m: number, seed: number): CMatrix {
  return complexQr(randomComplexNormalMatrix(new Rng(seed), N, m)).Q;
}

/** The m eigenvectors of a full Hermitian H with the largest eigenvalues (spectral truncation). */
export function spectralSubspace(H: CMatrix, m: number): CMatrix {
  assertMatrix(H, "H", H?.rows ?? null, H?.rows ?? null);
  assertInteger(m, "m", { min: 1, max: H.rows });
  const { vectors } = hermitianEigh(H);
  const N = H.rows;
  const W = cmatrix(N, m);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < m; j++) {
      W.re[i * m + j] = vectors.re[i * N + (N - 1 - j)] as number;
      W.im[i * m + j] = vectors.im[i * N + (N - 1 - j)] as number;
    }
  }
  return W;
}

/** One entry of a learning history. */
export interface LearnStep {
  step: number;
  trainLoss: number;
  valSigma?: number;
}

/** Options shared by {@link learnSubspace} and {@link learnH}. */
export interface LearnOptions {
  /** Gradient steps. Default 40 (our choice). */
  steps?: number;
  /** Loss: σ̂ (default) or the Monge–Ampère L². */
  loss?: MetricLoss;
  /** Initial Frobenius step length τ of the Armijo search. Default 0.5 (our choice). */
  stepLength?: number;
  /** Maximum halvings per Armijo search. Default 6 (our choice). */
  maxBacktracks?: number;
  /** Validation cloud; σ on it is recorded every `validationEvery` steps. */
  validation?: PointCloud;
  /** Default 10. */
  validationEvery?: number;
  /** Called after every step. */
  onProgress?: (step: LearnStep) => void;
  /** Aborts between steps with a DescentError (code "aborted"). */
  signal?: AbortSignal;
}

/** Options of {@link learnSubspace}. */
export interface LearnSubspaceOptions extends LearnOptions {
  /** `'A'`: Donaldson on the subspace (unrolled T-steps); `'B'`: W and h learned jointly. */
  method: "A" | "B";
  /** Method A: T-steps unrolled per evaluation from the warm start. Default 3 (our choice). */
  unrolledTSteps?: number;
  /** Subspace dimension: 7 ≤ m < N_k, or m = N_k. */
  m: number;
  /** Start: a Haar-random subspace from `seed` (default), `'spectral'` (needs `balancedH`) or a matrix. */
  init?: "haar" | "spectral" | CMatrix;
  /** Seed of the Haar initialisation. Default 0. */
  seed?: number;
  /** The full balanced H, for `init: 'spectral'`. */
  balancedH?: CMatrix;
  /**
   * Method B only: `'fibre'` (default) — Riemannian W-steps and affine-invariant h-steps with Armijo;
   * `'factor'` — H = L·L† with L ∈ C^{N×m} free and Adam on (Re L, Im L) (a cross-check with the same model
   * class; our choice of defaults: learning rate 1e-2).
   */
  variant?: "fibre" | "factor";
  /** Adam's learning rate of the `'factor'` variant. Default 1e-2. */
  learningRate?: number;
}

/** A learned metric and its history. */
export interface LearnResult {
  metric: SubspaceMetric;
  history: LearnStep[];
}

const ARMIJO_C = 1e-4;

function lossOf(cloud: PointCloud, basis: SectionBasis, metric: SubspaceMetric, loss: MetricLoss): number {
  return loss === "sigma" ? sigma(cloud, basis, metric).sigma : maL2Loss(cloud, basis, metric);
}

/** Every key of {@link LearnOptions} (the Record type keeps the list complete). */
const LEARN_KEYS = {
  steps: true,
  loss: true,
  stepLength: true,
  maxBacktracks: true,
  validation: true,
  validationEvery: true,
  onProgress: true,
  signal: true,
} satisfies Record<keyof LearnOptions, true>;

/** Every key of {@link LearnSubspaceOptions}. */
const LEARN_SUBSPACE_KEYS = Object.keys({
  ...LEARN_KEYS,
  method: true,
  unrolledTSteps: true,
  m: true,
  init: true,
  seed: true,
  balancedH: true,
  variant: true,
  learningRate: true,
} satisfies Record<keyof LearnSubspaceOptions, true>);

/** Every key of {@link LearnHOptions}. */
const LEARN_H_KEYS = Object.keys({ ...LEARN_KEYS, init: true } satisfies Record<keyof LearnHOptions, true>);

function validateLearn(options: LearnOptions): void {
  if (options.steps !== undefined) assertInteger(options.steps, "steps", { min: 0 });
  if (options.stepLength !== undefined) assertPositive(options.stepLength, "stepLength");
  if (options.maxBacktracks !== undefined) assertInteger(options.maxBacktracks, "maxBacktracks", { min: 0 });
}

/** Affine-invariant Armijo step on h; returns the new h and loss, or null when no step decreased it. */
function hStep(
  train: PointCloud,
  basis: SectionBasis,
  W: CMatrix,
  h: CMatrix,
  current: number,
  loss: MetricLoss,
  tau: number,
  backtracks: number,
): { h: CMatrix; loss: number } | null {
  const { gradH } = lossGradient(train, basis, { W, h }, loss);
  const hHalf = hermitianFunction(h, (l) => Math.sqrt(Math.max(l, 0)));
  const X = cmatmul(hHalf, cmatmul(gradH, hHalf));
  const nx = frobenius(X);
  if (!(nx > 0)) return null;
  let beta = tau / nx;
  for (let b = 0; b <= backtracks; b++, beta *= 0.5) {
    // exp(−βλ) overflows once β·|λ| > ~709; |λ| ≤ ‖X‖_F, so such a trial (only reachable with a huge
    // stepLength) is rejected like any other failed trial instead of producing infinities
    if (beta * nx > 700) continue;
    const hn = affineInvariantStep(X, hHalf, beta);
    const L = lossOf(train, basis, { W, h: hn }, loss);
    if (L <= current - ARMIJO_C * beta * nx * nx) return { h: hn, loss: L };
  }
  return null;
}

/** Riemannian Armijo step on W with h transported; null when no step decreased the loss. */
function wStep(
  train: PointCloud,
  basis: SectionBasis,
  W: CMatrix,
  h: CMatrix,
  current: number,
  loss: MetricLoss,
  tau: number,
  backtracks: number,
): { W: CMatrix; h: CMatrix; loss: number } | null {
  const { gradW } = lossGradient(train, basis, { W, h }, loss);
  const xi = horizontalProjection(W, gradW);
  const nxi = frobenius(xi);
  if (!(nxi > 0)) return null;
  let alpha = tau / nxi;
  for (let b = 0; b <= backtracks; b++, alpha *= 0.5) {
    const r = grassmannRetract(W, xi, alpha);
    const hn = transportH(h, r.R);
    const L = lossOf(train, basis, { W: r.W, h: hn }, loss);
    if (L <= current - ARMIJO_C * alpha * nxi * nxi) return { W: r.W, h: hn, loss: L };
  }
  return null;
}

/**
 * Learns a subspace W of the sections and a metric h on it (the paper's Method B).
 *
 * @throws {DescentError} naming `m` unless 7 ≤ m < N_k or m = N_k (fewer than 7 generic sections do not
 * immerse the threefold, so the pulled-back metric degenerates), and naming the bad option otherwise.
 */
export function learnSubspace(
  train: PointCloud,
  basis: SectionBasis,
  options: LearnSubspaceOptions,
): LearnResult {
  assertKnownOptions(options, LEARN_SUBSPACE_KEYS);
  assertOptionalFunction(options.onProgress, "onProgress");
  assertOptionalSignal(options.signal);
  assertPointCloud(train, "train");
  assertSectionBasis(basis);
  validateLearn(options);
  if (options.method !== "A" && options.method !== "B") {
    throw new DescentError(`method must be 'A' or 'B', received ${String(options.method)}`, {
      parameter: "method",
      code: "range",
    });
  }
  const N = basis.size;
  assertInteger(options.m, "m", { min: 1 });
  if (!(options.m === N || (options.m >= 7 && options.m < N))) {
    throw new DescentError(`m must satisfy 7 ≤ m < N_k = ${N} or m = N_k, received ${options.m}`, {
      parameter: "m",
      code: "range",
    });
  }
  let W: CMatrix;
  if (options.init === undefined || options.init === "haar")
    W = haarSubspace(N, options.m, options.seed ?? 0);
  else if (options.init === "spectral") {
    if (options.balancedH === undefined) {
      throw new DescentError("balancedH is required with init 'spectral'", {
        parameter: "balancedH",
        code: "missing",
      });
    }
    W = spectralSubspace(options.balancedH, options.m);
  } else W = complexQr(options.init).Q;
  const variant = options.variant ?? "fibre";
  if (variant !== "fibre" && variant !== "factor") {
    throw new DescentError(`variant must be 'fibre' or 'factor', received ${String(variant)}`, {
      parameter: "variant",
      code: "range",
    });
  }
  if (variant === "factor" && options.method !== "B") {
    throw new DescentError("variant 'factor' applies to method 'B' only", {
      parameter: "variant",
      code: "range",
    });
  }
  if (options.learningRate !== undefined) assertPositive(options.learningRate, "learningRate");
  const h = subspaceBalanced(train, basis, W);
  if (options.method === "A") return descendA(train, basis, W, h, options);
  if (variant === "factor") {
    return descendFactor(
      train,
      basis,
      W,
      h,
      {
        steps: options.steps ?? 40,
        loss: options.loss ?? "sigma",
        learningRate: options.learningRate ?? 1e-2,
        validationEvery: options.validationEvery ?? 10,
        ...(options.validation === undefined ? {} : { validation: options.validation }),
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
      () => {
        throw new DescentError("learning aborted", { parameter: "signal", code: "aborted" });
      },
    );
  }
  return descend(train, basis, W, h, options, true);
}

function descendA(
  train: PointCloud,
  basis: SectionBasis,
  W0: CMatrix,
  h0: CMatrix,
  options: LearnSubspaceOptions,
): LearnResult {
  const steps = options.steps ?? 40;
  const loss = options.loss ?? "sigma";
  const tau = options.stepLength ?? 0.5;
  const backtracks = options.maxBacktracks ?? 6;
  const every = options.validationEvery ?? 10;
  const K = options.unrolledTSteps ?? 3;
  assertInteger(K, "unrolledTSteps", { min: 0 });
  let W = W0;
  let warm = h0;
  let current = unrolledLoss(train, basis, W, warm, K, loss).loss;
  const history: LearnStep[] = [];
  // `last`: the run stops here (all steps done, or no Armijo step decreased the loss), so the final
  // entry always carries a validation σ whatever `validationEvery` is
  const record = (step: number, last = false) => {
    const entry: LearnStep = { step, trainLoss: current };
    if (options.validation !== undefined && (step % every === 0 || step === steps || last)) {
      // validation: Donaldson on the current subspace to convergence from the warm start
      const hv = subspaceBalanced(train, basis, W, { h0: warm });
      entry.valSigma = sigma(options.validation, basis, { W, h: hv }).sigma;
    }
    history.push(entry);
    options.onProgress?.(entry);
  };
  record(0);
  for (let step = 1; step <= steps; step++) {
    if (options.signal?.aborted)
      throw new DescentError("learning aborted", { parameter: "signal", code: "aborted" });
    const obj = unrolledObjective(train, basis, W, warm, K, loss);
    const xi = horizontalProjection(W, obj.gradW);
    const nxi = frobenius(xi);
    let accepted = false;
    let alpha = tau / nxi;
    for (let b = 0; nxi > 0 && b <= backtracks; b++, alpha *= 0.5) {
      const r = grassmannRetract(W, xi, alpha);
      const nextWarm = transportH(obj.hK, r.R);
      const L = unrolledLoss(train, basis, r.W, nextWarm, K, loss).loss;
      if (L <= current - ARMIJO_C * alpha * nxi * nxi) {
        W = r.W;
        warm = nextWarm;
        current = L;
        accepted = true;
        break;
      }
    }
    record(step, !accepted);
    if (!accepted) break;
  }
  return { metric: { W, h: subspaceBalanced(train, basis, W, { h0: warm }) }, history };
}

/** Options of {@link learnH}. */
export interface LearnHOptions extends LearnOptions {
  /** Starting h-matrix; default the balanced metric on `train`. */
  init?: CMatrix;
}

/**
 * Baseline C: learns the full h-matrix (W = I) by affine-invariant Armijo steps on the loss, from the
 * balanced metric.
 */
export function learnH(train: PointCloud, basis: SectionBasis, options: LearnHOptions = {}): LearnResult {
  assertKnownOptions(options, LEARN_H_KEYS);
  assertOptionalFunction(options.onProgress, "onProgress");
  assertOptionalSignal(options.signal);
  assertPointCloud(train, "train");
  assertSectionBasis(basis);
  validateLearn(options);
  const W = cidentity(basis.size);
  const h = options.init ?? subspaceBalanced(train, basis, W);
  return descend(train, basis, W, h, options, false);
}

function descend(
  train: PointCloud,
  basis: SectionBasis,
  W0: CMatrix,
  h0: CMatrix,
  options: LearnOptions,
  moveW: boolean,
): LearnResult {
  const steps = options.steps ?? 40;
  const loss = options.loss ?? "sigma";
  const tau = options.stepLength ?? 0.5;
  const backtracks = options.maxBacktracks ?? 6;
  const every = options.validationEvery ?? 10;
  let W = W0;
  let h = h0;
  let current = lossOf(train, basis, { W, h }, loss);
  const history: LearnStep[] = [];
  // `last`: the run stops here (all steps done, or no Armijo step decreased the loss), so the final
  // entry always carries a validation σ whatever `validationEvery` is
  const record = (step: number, last = false) => {
    const entry: LearnStep = { step, trainLoss: current };
    if (options.validation !== undefined && (step % every === 0 || step === steps || last)) {
      entry.valSigma = sigma(options.validation, basis, { W, h }).sigma;
    }
    history.push(entry);
    options.onProgress?.(entry);
  };
  record(0);
  for (let step = 1; step <= steps; step++) {
    if (options.signal?.aborted)
      throw new DescentError("learning aborted", { parameter: "signal", code: "aborted" });
    let moved = false;
    if (moveW) {
      const r = wStep(train, basis, W, h, current, loss, tau, backtracks);
      if (r !== null) {
        W = r.W;
        h = r.h;
        current = r.loss;
        moved = true;
      }
    }
    const r = hStep(train, basis, W, h, current, loss, tau, backtracks);
    if (r !== null) {
      h = r.h;
      current = r.loss;
      moved = true;
    }
    record(step, !moved);
    if (!moved) break;
  }
  return { metric: { W, h }, history };
}
