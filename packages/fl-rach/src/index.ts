/**
 * @descent/fl-rach: federated learning over a slotted-ALOHA random access channel with the Age-of-Gradient
 * (AoG) access policy of Wu, Asgari, Rini and Munari (arXiv:2410.11986, ICMLCN 2025).
 *
 * - randomness: {@link counterRng} (addressable draws, common random numbers across policies)
 * - channel: {@link collisionChannel}, {@link captureChannel}, {@link erasureChannel},
 *   {@link collisionFreeChannel} and closed forms ({@link slotOutcomeProbabilities}, ...)
 * - compression and memory: {@link topK}, {@link ErrorFeedbackMemory}
 * - policies: {@link aogPolicy} and the baselines
 * - training: {@link tfjsMlpTrainer}, {@link leastSquaresTrainer}, partitions
 * - the simulator: {@link runRachFl}
 */
export {
  type Aggregator,
  type MeanAggregatorOptions,
  meanAggregator,
  type Normalization,
  type ReceivedPacket,
} from "./aggregator.js";
export { type AogMetric, type AogPolicyOptions, aogPolicy, aogScore, quantile } from "./aog-policy.js";
export { type AoiThresholdOptions, aoiThresholdPolicy } from "./aoi-threshold-policy.js";
export {
  type AccessChannel,
  type CaptureChannelOptions,
  captureChannel,
  collisionChannel,
  collisionFreeChannel,
  deliveredUsers,
  type ErasureChannelOptions,
  erasureChannel,
  type SlotAddress,
  type SlotOutcome,
} from "./channel.js";
export {
  alohaAverageAge,
  alohaSuccessProbability,
  captureSuccessProbability,
  expectedDistinctDeliveries,
  slotOutcomeProbabilities,
} from "./channel-analysis.js";
export {
  ErrorFeedbackMemory,
  type ErrorFeedbackMemoryOptions,
  type MemoryMode,
} from "./error-feedback-memory.js";
export { type RachFlEvent, toJsonLines } from "./event-log.js";
export { type GenieBestNOptions, genieBestNPolicy } from "./genie-policy.js";
export { idealPolicy } from "./ideal-policy.js";
export { type LeastSquaresTrainerOptions, leastSquaresTrainer } from "./least-squares-trainer.js";
export type { LocalTrainer } from "./local-trainer.js";
export { type LabelledData, type MlpTrainer, type MlpTrainerOptions, tfjsMlpTrainer } from "./mlp-trainer.js";
export {
  type NormThresholdOptions,
  type NormThresholdRule,
  normThresholdPolicy,
} from "./norm-threshold-policy.js";
export {
  checkPartition,
  type IidPartitionOptions,
  iidPartition,
  type Partition,
  type ShardPartitionOptions,
  shardPartition,
} from "./partition.js";
export {
  type AccessPolicy,
  type AccessRule,
  activeToProbabilities,
  type EmptyActiveRule,
  type FrameContext,
  isEmptyActiveFallback,
  type SlotContext,
  type TrialEvaluator,
  type UserView,
} from "./policy.js";
export { counterNormal, counterRng, type RandomSource, RngStream } from "./random-source.js";
export { roundRobinPolicy } from "./round-robin-policy.js";
export {
  type FrameRecord,
  type RachFlConfig,
  type RachFlProgress,
  type RachFlResult,
  type RunSummary,
  runRachFl,
} from "./simulator.js";
export {
  type Compressor,
  densify,
  identityCompressor,
  type SparseUpdate,
  selectTopK,
  squaredNorm,
  type TopKOptions,
  topK,
} from "./top-k.js";
export { type VanillaAlohaOptions, vanillaAlohaPolicy } from "./vanilla-policy.js";
