/**
 * @descent/looped-transformer — linear looped Transformers that run multi-step gradient descent in
 * context (Chen, Li, Liang, Shi, Song, arXiv:2410.11268).
 *
 * - tasks: {@link samplePrompt}, {@link samplePrompts} (Gaussian or controlled-κ in-context regression)
 * - model: {@link lsaStep}, {@link loopedForward}, {@link stackedForward}, read-outs, embeddings
 * - exact constructions: {@link gdWeightsResidual} (A), {@link vonOswaldLayer} (B), {@link gdWeightsWeightToken} (C)
 * - theory and references: {@link gd}, {@link conditionNumber}, {@link errorBound}, {@link oneStepOptimum},
 *   {@link olsWeights}, {@link ridgeWeights}, {@link gdPlusPlus}, {@link newtonSchulz}
 * - training: {@link trainLooped} (float64, manual backward), {@link LoopedLsaLayer} / {@link trainLoopedTf}
 *   (tfjs), {@link gdBestStep}, {@link evaluateLsa}, {@link evaluateGd}
 */
export { Adam, type AdamOptions, clipGlobalNorm } from "./adam.js";
export { type ConditionNumber, conditionNumber, secondMoment } from "./condition-number.js";
export {
  gdPlusPlus,
  gdWeightsResidual,
  gdWeightsWeightToken,
  residualPreconditioner,
  type VonOswaldLayer,
  vonOswaldLayer,
  vonOswaldPredictions,
  vonOswaldStep,
  weightTokenPreconditioner,
} from "./constructions.js";
export {
  embedResidual,
  embedTokens,
  embedWeightToken,
  readPrediction,
  readTokenPrediction,
  readWeights,
} from "./embedding.js";
export {
  asymptoticKappa,
  errorBound,
  loopsForAccuracy,
  oneStepOptimum,
  type StepRule,
} from "./error-bound.js";
export { type EvaluationResult, evaluateGd, evaluateLsa, GdProblemSet, summarizeErrors } from "./evaluate.js";
export { type GdBestStepOptions, type GdBestStepResult, gdBestStep } from "./gd-best-step.js";
export {
  type GdOptions,
  type GdStepsToToleranceOptions,
  gd,
  gdStepsToTolerance,
  predictQuery,
} from "./gradient-descent.js";
export { olsWeights, ridgeWeights } from "./least-squares.js";
export {
  embedBatchTensor,
  LoopedLsaLayer,
  type LoopedLsaLayerConfig,
  lsaLossTensor,
} from "./looped-lsa-layer.js";
export {
  attention,
  type LsaForwardResult,
  type LsaStepOptions,
  type LsaWeights,
  loopedForward,
  lsaStep,
  maskDiagonal,
  type ResidualSign,
  stackedForward,
} from "./lsa.js";
export {
  embeddingWidth,
  embedForTask,
  type LsaLossGradient,
  type LsaTask,
  lsaLossAndGradient,
  taskSign,
} from "./lsa-gradient.js";
export { newtonSchulz } from "./newton-schulz.js";
export {
  assertPrompt,
  type RegressionPrompt,
  type SamplePromptOptions,
  type SamplePromptsOptions,
  samplePrompt,
  samplePrompts,
} from "./prompt.js";
export { type SparseLossGradient, sparseLossAndGradient } from "./sparse-gradient.js";
export {
  type Parameterization,
  sparseWeights,
  type TrainLoopedOptions,
  type TrainLoopedResult,
  type TrainProgress,
  trainLooped,
  type WeightSharing,
} from "./train-looped.js";
export { promptBatchTensors, type TrainLoopedTfResult, trainLoopedTf } from "./train-looped-tf.js";
