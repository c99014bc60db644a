/**
 * @descent/sabo — Sharpness-Aware Black-Box Optimization (Ye et al., ICLR 2025) and its baselines behind one
 * ask/tell interface.
 *
 * - the method: {@link Sabo} (diagonal or full covariance, 'fisher' or 'exactKL' inner step)
 * - baselines: {@link Ingo}, {@link CmaEs} (full and `separable`), {@link Bes}, {@link RandomSearch}
 * - driver: {@link minimize} (budgets, early stopping, progress, abort; sync/async, single or batch objectives)
 * - problems: {@link benchmarks} (docs/method.md §e.1), {@link twoBasinTask} (e.2), {@link projectedPromptTask} (e.3)
 * - black-box prompt tuning: {@link RandomProjection}, {@link tuneWithDevSelection}, {@link tfjsModelObjective}
 * - building blocks: {@link kernels}
 */
export type { AskBatch, AskTellOptimizer, BatchPhase, BestPoint, Vector } from "./ask-tell.js";
export { AskTellBase } from "./ask-tell.js";
export {
  type BenchmarkName,
  benchmarks,
  discus,
  ellipsoid,
  l1Ellipsoid,
  levy,
  lHalfEllipsoid,
  rastrigin10,
} from "./benchmarks.js";
export { Bes, type BesOptions } from "./bes.js";
export { type BoundedObjectiveOptions, boundedObjective, clipToBounds } from "./bounded-objective.js";
export {
  CmaEs,
  type CmaEsOptions,
  type CmaEsParameters,
  type CmaRecombination,
  cmaDefaultPopulation,
  cmaEsParameters,
} from "./cma-es.js";
export {
  type DevCheck,
  type DevSelectionCommon,
  type DevSelectionOptions,
  type DevSelectionResult,
  tuneWithDevSelection,
} from "./dev-selected-tuning.js";
export { type FitnessShaping, shapeFitness } from "./fitness-shaping.js";
export type { GaussianClassSample } from "./gaussian-classes.js";
export {
  type DivergenceInfo,
  GaussianSearch,
  type GaussianState,
  type PerturbationInfo,
} from "./gaussian-search.js";
export type {
  CovarianceKind,
  GaussianSearchOptions,
  GradientOracle,
  LearningRateSchedule,
  ResolvedSaboOptions,
  SaboOptions,
} from "./gaussian-search-options.js";
export { Ingo, type IngoOptions, ingoReferenceOptions, ingoReferencePopulation } from "./ingo.js";
export { kernels } from "./kernels.js";
export type { Perturbation, PerturbationKind, PerturbationSolver } from "./kl-perturbation.js";
export {
  type BatchObjective,
  type HistoryEntry,
  type MinimizeOptions,
  minimize,
  type Objective,
  type OptimizeResult,
  type ProgressInfo,
  type StopReason,
} from "./minimize.js";
export { minimizeSabo } from "./minimize-sabo.js";
export { type FrozenMlp, type MlpBiasOptions, type MlpBiasTask, mlpBiasTask } from "./mlp-bias-task.js";
export { Mmes, type MmesOptions } from "./mmes.js";
export type {
  CovarianceUpdate,
  MeanPreconditioner,
  NaturalGradientStepSettings,
  NonPositivePrecision,
} from "./natural-gradient-step.js";
export { projectedPromptModel } from "./projected-prompt-model.js";
export {
  type ProjectedPromptOptions,
  type ProjectedPromptTask,
  type PromptSplit,
  projectedPromptTask,
} from "./projected-prompt-task.js";
export { RandomProjection, type RandomProjectionOptions } from "./random-projection.js";
export { RandomSearch, type RandomSearchOptions } from "./random-search.js";
export { defaultRho, Sabo } from "./sabo.js";
export type { DiagonalGradients } from "./score-gradients.js";
export type { ScalarOrVector } from "./start-vector.js";
export {
  type ModelTarget,
  type TfjsModelObjective,
  type TfjsModelObjectiveOptions,
  tfjsModelObjective,
} from "./tfjs-model-objective.js";
export { type TwoBasinOptions, type TwoBasinTask, twoBasinTask } from "./two-basin-task.js";
