/**
 * @descent/lowrank-pgd: PGD and low-rank LoRa-PGD adversarial attacks on TensorFlow.js, the spectral
 * analyses of perturbations and adversarial training (Savostianova, Zangrando, Tudisco, "Low-Rank
 * Adversarial PGD Attack", arXiv:2410.12607, 2024).
 *
 * - the attacked model: {@link Classifier}, {@link toLogitsFn}; models {@link createMlp}, {@link createSmallCnn}
 * - attacks: {@link pgd} (ℓ2 / ℓ∞), {@link fgsm}, {@link loraPgd}, {@link fgsmFactors}, {@link matchNuclearNorm}
 * - evaluation: {@link robustAccuracy}, {@link attackSuccessRate}, {@link perturbationNorms},
 *   {@link perturbationSpectrum}, {@link relativeSpectrumChange}
 * - adversarial training: {@link adversarialTrain}, {@link adversarialTrainStep}
 * - exact test bed: {@link createLinearProblem}, {@link spectralMatrix}
 */

export {
  type AdversarialTrainingOptions,
  type AdversarialTrainingResult,
  adversarialTrain,
  adversarialTrainStep,
  type TrainableModel,
  type TrainingAttack,
} from "./adversarial-training.js";
export type { AttackControlOptions, AttackResult, BoxOptions, LoraAttackResult } from "./attack-options.js";
export { nuclearNorm, singularValues, truncateRank } from "./channel-svd.js";
export { attackObjective, type Classifier, type LogitsFn, toLogitsFn } from "./classifier.js";
export { type FgsmFactorsOptions, fgsmFactors } from "./fgsm-factors.js";
export {
  createLinearProblem,
  type LinearProblem,
  type LinearProblemOptions,
  spectralMatrix,
} from "./linear-problem.js";
export { type LoraInit, type LoraPgdOptions, loraPerturbation, loraPgd } from "./lora-pgd.js";
export { createMlp, type MlpOptions, type TrainableClassifier } from "./mlp.js";
export { matchNuclearNorm, type NuclearMatchOptions, type NuclearMatchResult } from "./nuclear-matching.js";
export { type PerturbationNorms, perturbationNorms } from "./perturbation-norms.js";
export { type FgsmOptions, fgsm, type PgdOptions, type PgdRandomStart, pgd } from "./pgd.js";
export {
  accuracy,
  attackSuccessRate,
  type BatchAttack,
  predictClasses,
  type RobustAccuracyOptions,
  type RobustAccuracyResult,
  robustAccuracy,
} from "./robust-accuracy.js";
export { createSmallCnn, type SmallCnnOptions } from "./small-cnn.js";
export {
  perturbationSpectrum,
  type RelativeSpectrumChange,
  relativeSpectrumChange,
  type SpectrumOptions,
  type SpectrumStats,
} from "./spectrum.js";
