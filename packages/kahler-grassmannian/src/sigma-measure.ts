/**
 * σ of a metric on a (validation) cloud: η from {@link etaRatios}, then {@link sigmaOfRatios}.
 */

import { assertKnownOptions } from "@descent/core-tensor";
import { assertPointCloud, assertSectionBasis } from "./argument-checks.js";
import type { HMatrixLike } from "./h-matrix.js";
import { etaRatios } from "./metric.js";
import type { PointCloud } from "./point-cloud.js";
import type { SectionBasis } from "./section-basis.js";
import { maL2OfRatios, type SigmaResult, sigmaOfRatios } from "./sigma.js";

/**
 * σ̂ of the metric of `H` on `cloud` (evaluate on points not used to fit H).
 *
 * @example
 * ```ts
 * sigma(valCloud, basis, H).sigma; // ≈ 0.27 for the balanced k = 2 metric at ψ = 0
 * ```
 */
export function sigma(
  cloud: PointCloud,
  basis: SectionBasis,
  H: HMatrixLike,
  options: { chunkPoints?: number } = {},
): SigmaResult {
  assertKnownOptions(options, ["chunkPoints"]);
  assertPointCloud(cloud);
  assertSectionBasis(basis);
  const { eta } = etaRatios(cloud, basis, H, options);
  return sigmaOfRatios(eta, cloud.weight);
}

/** The Monge–Ampère L² loss of the metric of `H` on `cloud`. */
export function maL2Loss(
  cloud: PointCloud,
  basis: SectionBasis,
  H: HMatrixLike,
  options: { chunkPoints?: number } = {},
): number {
  assertKnownOptions(options, ["chunkPoints"]);
  assertPointCloud(cloud);
  assertSectionBasis(basis);
  const { eta } = etaRatios(cloud, basis, H, options);
  return maL2OfRatios(eta, cloud.weight);
}
