/**
 * Donaldson's balanced-metric iteration (docs/method.md §7): H ← M(H)⁻¹, symmetrised and rescaled
 * to tr H = N, from H = I (or the Fubini–Study h-matrix), until the relative Frobenius change is
 * below `tolerance` or after `iterations` steps.
 */
import {
  assertInteger,
  assertKnownOptions,
  assertOptionalFunction,
  assertOptionalSignal,
  assertPositive,
  type CMatrix,
  cidentity,
  DescentError,
  hermitianInverse,
} from "@descent/core-tensor";
import { assertMatrix, assertPointCloud, assertSectionBasis } from "./argument-checks.js";
import { ambientH, diagonalH } from "./h-matrix.js";
import type { PointCloud } from "./point-cloud.js";
import { fubiniStudyDiagonal, type SectionBasis } from "./section-basis.js";
import { tOperator } from "./t-operator.js";

/** Options of {@link balancedMetric}. */
export interface BalancedMetricOptions {
  /** Maximum T-iterations. Default 10 (cymetric's default). */
  iterations?: number;
  /** Stop when ‖H⁺ − H‖_F/‖H‖_F is below this. Default 1e-8. */
  tolerance?: number;
  /** Start: `'identity'` (default, our choice), `'fs'` (Fubini–Study at level k) or a matrix. */
  init?: "identity" | "fs" | CMatrix;
  /** Points per chunk. Default 2048. */
  chunkPoints?: number;
  /** Called after each iteration with the iteration count and the new H. */
  onProgress?: (info: { iteration: number; change: number; H: CMatrix }) => void;
  /** Aborts between iterations with a DescentError (code "aborted"). */
  signal?: AbortSignal;
}

/** The balanced metric found and how it was reached. */
export interface BalancedMetricResult {
  /** The h-matrix, Hermitian, tr H = N. */
  H: CMatrix;
  /** T-iterations done. */
  iterations: number;
  /** Last relative change ‖H⁺ − H‖_F/‖H‖_F. */
  change: number;
}

/** H → (H + H†)/2 rescaled to trace n. */
export function symmetriseToTrace(H: CMatrix): CMatrix {
  assertMatrix(H, "H", H?.rows ?? null, H?.rows ?? null);
  const n = H.rows;
  let tr = 0;
  for (let i = 0; i < n; i++) tr += H.re[i * n + i] as number;
  if (!(tr > 0)) {
    throw new DescentError(`H must have a positive trace (a positive-definite metric), received ${tr}`, {
      parameter: "H",
      code: "range",
    });
  }
  const f = n / tr;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const r = 0.5 * ((H.re[i * n + j] as number) + (H.re[j * n + i] as number)) * f;
      const m = 0.5 * ((H.im[i * n + j] as number) - (H.im[j * n + i] as number)) * f;
      H.re[i * n + j] = r;
      H.re[j * n + i] = r;
      H.im[i * n + j] = i === j ? 0 : m;
      H.im[j * n + i] = i === j ? 0 : -m;
    }
  }
  return H;
}

/** The starting h-matrix of the iteration. */
export function initialH(basis: SectionBasis, init: BalancedMetricOptions["init"] = "identity"): CMatrix {
  if (init === "identity") return cidentity(basis.size);
  if (init === "fs") return diagonalH(fubiniStudyDiagonal(basis));
  const H = ambientH(init, basis, "init");
  return { rows: H.rows, cols: H.cols, re: H.re.slice(), im: H.im.slice() };
}

/** Relative Frobenius distance ‖A − B‖/‖B‖. */
export function relativeChange(A: CMatrix, B: CMatrix): number {
  let d = 0;
  let b = 0;
  for (let i = 0; i < A.re.length; i++) {
    d += ((A.re[i] as number) - (B.re[i] as number)) ** 2 + ((A.im[i] as number) - (B.im[i] as number)) ** 2;
    b += (B.re[i] as number) ** 2 + (B.im[i] as number) ** 2;
  }
  return Math.sqrt(d / b);
}

/** Throws unless the cloud has at least N points, the smallest sample for which M(H) can be invertible. */
export function assertEnoughPoints(cloud: PointCloud, basis: SectionBasis, parameter = "cloud"): void {
  if (cloud.n < basis.size) {
    throw new DescentError(
      `${parameter} must have at least N_k = ${basis.size} points for sections of degree ${basis.k}, received ${cloud.n}`,
      { parameter, code: "range" },
    );
  }
}

/**
 * Donaldson's balanced h-matrix on the training cloud.
 *
 * @example
 * ```ts
 * const basis = sectionBasis(2);
 * const { H } = balancedMetric(samplePoints({ psi: 0, nPoints: 5000 }), basis);
 * ```
 */
export function balancedMetric(
  cloud: PointCloud,
  basis: SectionBasis,
  options: BalancedMetricOptions = {},
): BalancedMetricResult {
  assertKnownOptions(options, ["iterations", "tolerance", "init", "chunkPoints", "onProgress", "signal"]);
  assertOptionalFunction(options.onProgress, "onProgress");
  assertOptionalSignal(options.signal);
  // tOperator takes only the chunk size of these options
  const chunking = options.chunkPoints === undefined ? {} : { chunkPoints: options.chunkPoints };
  assertPointCloud(cloud);
  assertSectionBasis(basis);
  const iterations = options.iterations ?? 10;
  const tolerance = options.tolerance ?? 1e-8;
  assertInteger(iterations, "iterations", { min: 0 });
  assertPositive(tolerance, "tolerance");
  assertEnoughPoints(cloud, basis);
  let H = symmetriseToTrace(initialH(basis, options.init));
  let change = Number.POSITIVE_INFINITY;
  let r = 0;
  while (r < iterations) {
    if (options.signal?.aborted) {
      throw new DescentError("balancedMetric aborted", { parameter: "signal", code: "aborted" });
    }
    const next = symmetriseToTrace(hermitianInverse(tOperator(cloud, basis, H, chunking)));
    change = relativeChange(next, H);
    H = next;
    r++;
    options.onProgress?.({ iteration: r, change, H });
    if (change < tolerance) break;
  }
  return { H, iterations: r, change };
}
