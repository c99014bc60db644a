/**
 * @descent/kahler-grassmannian: numerical Calabi–Yau metrics on the Dwork quintics in float64 —
 * line-intersection point sampling with exact weights, the reduced monomial sections of O(k),
 * algebraic Kähler potentials, the σ measure, and Donaldson's balanced metrics at any k
 * (docs/method.md). Worker-thread parallelism lives in `@descent/kahler-grassmannian/node`.
 */
export {
  type BalancedMetricOptions,
  type BalancedMetricResult,
  balancedMetric,
  symmetriseToTrace,
} from "./balanced-metric.js";
export {
  affineInvariantStep,
  grassmannRetract,
  hermitianFunction,
  horizontalProjection,
  transportH,
} from "./grassmann.js";
export { ambientH, diagonalH, type HMatrixLike, type SubspaceMetric } from "./h-matrix.js";
export { evaluateJets, evaluateSections } from "./jets.js";
export {
  haarSubspace,
  type LearnHOptions,
  type LearnOptions,
  type LearnResult,
  type LearnStep,
  type LearnSubspaceOptions,
  learnH,
  learnSubspace,
  spectralSubspace,
  subspaceBalanced,
  subspaceTOperator,
} from "./learn.js";
export { type LossGradient, lossGradient, type MetricLoss } from "./loss-gradient.js";
export { type EtaResult, etaRatios, metricAt } from "./metric.js";
export { type FrameChoice, fillLocalFrame, localIndices, type PointCloud } from "./point-cloud.js";
export { type PolynomialRootsOptions, polynomialRoots } from "./polynomial-roots.js";
export { type Complex, dworkGradient, dworkValue, type Psi, Quintic } from "./quintic.js";
export { lineCoefficients, type SamplePointsOptions, samplePoints } from "./sample-points.js";
export {
  fubiniStudyDiagonal,
  type SectionBasis,
  type SectionBasisOptions,
  sectionBasis,
  sectionCount,
} from "./section-basis.js";
export {
  clearSectionTables,
  type SectionTableKind,
  sectionTableLimit,
  setSectionTableLimit,
} from "./section-table.js";
export { maL2OfRatios, type SigmaResult, sigmaOfRatios } from "./sigma.js";
export { maL2Loss, sigma } from "./sigma-measure.js";
export { tOperator } from "./t-operator.js";
export { type UnrolledObjective, unrolledH, unrolledLoss, unrolledObjective } from "./unrolled-donaldson.js";
