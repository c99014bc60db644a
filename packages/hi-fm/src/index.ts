/**
 * @descent/hi-fm: Hessian-Informed Flow Matching (Sprague, Elofsson, Azizpour, arXiv:2410.11433) and
 * the flow-matching baselines, see docs/method.md.
 */
export {
  type AnalyticField,
  analyticLogLikelihood,
  type OdeGridOptions,
  timeGrid,
} from "./analytic-field.js";
export {
  type AnisotropicWellsOptions,
  anisotropicWells,
  fourWells2d,
  type GaussianWell,
  type GaussianWellsEnergy,
  gaussianWells,
} from "./anisotropic-wells.js";
export { solveAssignment } from "./assignment.js";
export {
  type ConditionalPath,
  type IndependentPathOptions,
  independentPath,
  type LipmanPathOptions,
  lipmanPath,
} from "./conditional-path.js";
export { type EgnnFieldOptions, egnnField } from "./egnn-field.js";
export { endpointMixtureLogDensity, marginalField } from "./endpoint-mixture.js";
export type { Energy, ExactDensity } from "./energy.js";
export {
  type BatchOptions,
  type FlowMatchingBatch,
  flowMatchingBatch,
  priorOf,
} from "./flow-matching-batch.js";
export {
  type Clock,
  type HessianInformedPathOptions,
  hessianInformedPath,
  volumeMatchedEndTemperature,
} from "./hessian-informed-path.js";
export {
  geometricMeanEigenvalue,
  type HessianSpectrum,
  hessianSpectra,
  hessianSpectrum,
  isotropicSpectra,
  type SpectralOptions,
} from "./hessian-spectra.js";
export {
  icosahedron13,
  type LennardJonesEnergy,
  type LennardJonesOptions,
  lennardJones,
  tetrahedron,
} from "./lennard-jones.js";
export {
  type Divergence,
  exactDivergence,
  hutchinsonDivergence,
  type LogProbOptions,
  logProb,
  type OdeOptions,
  type SampleOptions,
  sample,
} from "./likelihood.js";
export { type MalaOptions, type MalaResult, mala } from "./mala.js";
export {
  actOnParticles,
  comFreeBasis,
  comFreeDim,
  conjugateByParticleAction,
  type ParticleLayout,
  randomOrthogonalMatrix,
  removeCenterOfMass,
} from "./particles.js";
export { type Prior, priorDim, priorFreeDim, priorLogDensity, samplePriorInto } from "./prior.js";
export { type QuenchOptions, type QuenchResult, quench } from "./quench.js";
export { cosineLearningRate, type TrainOptions, type TrainResult, trainFlowMatching } from "./train.js";
export { fourierTimeFeatures, type MlpFieldOptions, mlpField, type VectorField } from "./vector-field.js";
