/**
 * @descent/rl-agents: a deep-RL substrate (Gymnasium-shaped classic-control environments, replay,
 * plain-TypeScript MLPs with hand-written backprop, Adam/RMSProp/SGD with a mutable learning rate, DQN,
 * TD3) and LRRL, the bandit that picks the optimizer's learning rate (Donâncio et al., arXiv:2410.12598), and
 * SAVO, successive actors for value optimization (Jain et al., arXiv:2410.11833).
 */

export { AcrobotEnv, acrobotDerivative, createAcrobot } from "./acrobot.js";
export type { LearningAgent, Transition } from "./agent.js";
export { CARTPOLE_THETA_LIMIT, CARTPOLE_X_LIMIT, CartPoleEnv, createCartPole } from "./cartpole.js";
export { CemActor, type CemActorOptions } from "./cem-actor.js";
export {
  ConditionedNetwork,
  type ConditionedNetworkOptions,
  type Conditioning,
} from "./conditioned-network.js";
export { ContinuousCartPoleEnv, createContinuousCartPole } from "./continuous-cartpole.js";
export { CARTPOLE_DOPAMINE_INPUT_BOUNDS, DqnAgent, type DqnOptions, type DqnUpdateStats } from "./dqn.js";
export {
  assertEmbeddedActionSpec,
  type EmbeddedDiscreteActionSpec,
  embeddedActionSpec,
  nearestItem,
  nearestNeighbors,
} from "./embedded-actions.js";
export { createEnsembleTd3, type EnsembleTd3Options } from "./ensemble-td3.js";
export {
  type BoxSpace,
  boxSpace,
  type DiscreteSpace,
  discreteSpace,
  type Env,
  type ResetOptions,
  type Space,
  type StepResult,
  spaceSize,
  withTimeLimit,
} from "./env.js";
export { IqnAgent, type IqnOptions } from "./iqn.js";
export { type BanditRound, LearningRateBandit } from "./learning-rate-bandit.js";
export { type LrrlControls, type LrrlFeedback, type LrrlOptions, withLrrl } from "./lrrl.js";
export { LstmSummariser } from "./lstm-summariser.js";
export { type DenseNetwork, Mlp, type MlpInit, type MlpOptions } from "./mlp.js";
export {
  createMountainCar,
  createMountainCarContinuous,
  MountainCarContinuousEnv,
  MountainCarEnv,
} from "./mountain-car.js";
export {
  type MultimodalBanditEnv,
  type MultimodalBanditOptions,
  multimodalBandit,
} from "./multimodal-bandit.js";
export {
  runSgdBenchmark,
  type SgdBenchmarkOptions,
  type SgdRunResult,
  type TestFunction,
  testFunctions,
} from "./nonconvex-benchmark.js";
export {
  Adam,
  type AdamOptions,
  AdamRel,
  createOptimizer,
  type Optimizer,
  type OptimizerKind,
  type OptimizerOptions,
  RmsProp,
  type RmsPropOptions,
  Sgd,
} from "./optimizers.js";
export {
  evaluateMultimodal,
  type MultimodalEvaluation,
  type OracleTrainable,
  rewardOracle,
  type TrainOnOracleOptions,
  trainOnOracle,
} from "./oracle-regime.js";
export { angleNormalize, createPendulum, PendulumEnv } from "./pendulum.js";
export { type RecsimLiteEnv, type RecsimLiteOptions, recsimLite } from "./recsim-lite.js";
export {
  NStepAccumulator,
  type NStepTransition,
  type ReplayBatch,
  ReplayBuffer,
  type ReplayBufferOptions,
} from "./replay-buffer.js";
export { type RestrictActionsOptions, type RestrictedActions, restrictActions } from "./restrict-actions.js";
export {
  binnedReturns,
  type EpisodeRecord,
  type EvaluationRecord,
  evaluateAgent,
  interquartileMean,
  meanAndStandardError,
  type TrainAgentOptions,
  type TrainAgentResult,
  trainAgent,
} from "./runner.js";
export {
  type ActionValueOracle,
  SavoAgent,
  type SavoOptions,
  type SavoProposals,
  type SavoUpdateStats,
  type SurrogateSampling,
} from "./savo.js";
export { type LrSchedule, schedules, type WithScheduleOptions, withSchedule } from "./schedules.js";
export { Td3Agent, type Td3Options, type Td3UpdateStats } from "./td3.js";
export {
  createNetwork,
  type NetworkBackend,
  networkMacsPerUpdate,
  resolveNetworkBackend,
  TFJS_CROSSOVER_MACS,
  TfjsMlp,
} from "./tfjs-mlp.js";
export { type BanditState, type LrBanditOptions, TimeDecayedExp3 } from "./time-decayed-exp3.js";
export { truncatedSurrogate } from "./truncated-surrogate.js";
export type { ValueAgentScheduleOptions } from "./value-agent-schedule.js";
export { VectorEnv, type VectorStepResult } from "./vector-env.js";
export { createWolpertinger, type WolpertingerOptions, wolpertingerNeighbours } from "./wolpertinger.js";
