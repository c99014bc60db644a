/**
 * @descent/adversarial-linear — fast float64 solvers for linear adversarial training
 * (Ribeiro, Schön, Zachariah & Bach, AISTATS 2025).
 *
 * - risks in closed form: {@link regressionRisk}, {@link classificationRisk}, {@link worstCasePerturbation}
 * - radii: {@link defaultRadius} ("randn-zero"), {@link zeroRadius}, {@link interpolationRadiusL2}
 * - regression: {@link fitAdversarialRegression} (iteratively reweighted ridge: Cholesky, CG, squared lasso)
 *   and the subgradient baseline {@link fitRegressionSubgradient}
 * - classification: {@link fitAdversarialClassifier} (GD, AGD, SGD, SAGA on the extended variable; FGSM baselines)
 * - estimator-style wrappers: {@link AdversarialRegressor}, {@link AdversarialClassifier}
 * - data: {@link gaussian}, {@link gaussianClassification}, {@link sparseGaussian}, {@link latentFeatures}
 */
export { AdversarialClassifier } from "./adversarial-classifier.js";
export { AdversarialRegressor } from "./adversarial-regressor.js";
export {
  type ClassificationFit,
  type ClassificationOptions,
  type ClassificationSolver,
  type ClassificationStatus,
  fitAdversarialClassifier,
  predictProba,
  type StepRule,
} from "./classification.js";
export type { AttackNorm, MatrixInput, Task, VectorInput } from "./data-input.js";
export {
  applyStandardization,
  fitStandardization,
  type GeneratorOptions,
  gaussian,
  gaussianClassification,
  latentFeatures,
  type Standardization,
  type SyntheticData,
  sparseGaussian,
  standardizeVector,
} from "./datasets.js";
export { attackNorm, dualNorm, dualNormMaximiser } from "./dual-norm.js";
export { DEFAULT_SMOOTHING, etaTrickWeights } from "./eta-trick.js";
export type { IterationHook, IterationInfo } from "./iteration-info.js";
export { hingeLoss, logisticLoss, logisticWeight } from "./logistic-loss.js";
export { projectDualNormCone } from "./projection.js";
export {
  defaultRadius,
  interpolationRadiusL2,
  type MinimumNormInterpolation,
  minimumNormInterpolationL2,
  type RadiusOptions,
  type RadiusSpec,
  zeroRadius,
} from "./radius.js";
export {
  fitAdversarialRegression,
  type RegressionFit,
  type RegressionOptions,
  type RegressionSolver,
} from "./regression.js";
export {
  fitRegressionSubgradient,
  type SubgradientFit,
  type SubgradientOptions,
} from "./regression-subgradient.js";
export { classificationRisk, type MarginLoss, regressionRisk, worstCasePerturbation } from "./risk.js";
export type { RidgeForm } from "./weighted-ridge.js";
