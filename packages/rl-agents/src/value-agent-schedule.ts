/**
 * The acting and training schedule shared by the value-based agents (DQN, IQN): Dopamine's warm-up,
 * update and target periods and its `linearly_decaying_epsilon` (docs/method.md §A.6 steps 1, 3, 4; A.7 "the rest
 * as DQN"). The options type is public; the functions are internal.
 */
import { assertInRange, assertInteger } from "@descent/core-tensor";
import type { DqnAgent } from "./dqn.js";
import type { IqnAgent } from "./iqn.js";

/**
 * The acting and training schedule options of the value-based agents ({@link DqnAgent}, {@link IqnAgent});
 * defaults are Dopamine's `dqn_cartpole.gin` (docs/method.md §A.6), which IQN keeps (docs/method.md §A.7).
 */
export interface ValueAgentScheduleOptions {
  /** Discount γ = 0.99. */
  gamma?: number;
  /** Environment steps before updates start (Dopamine `min_replay_history`) = 500. */
  minReplay?: number;
  /** One gradient update every this many environment steps = 4. */
  updatePeriod?: number;
  /** θ⁻ ← θ every this many environment steps = 100. */
  targetUpdatePeriod?: number;
  /** Mini-batch size = 128. */
  batchSize?: number;
  /** Replay capacity = 50 000. */
  replayCapacity?: number;
  /** ε after the decay = 0.01. */
  epsilonTrain?: number;
  /** ε when acting with `explore: false` = 0.001. */
  epsilonEval?: number;
  /** Linear decay 1 → ε_train over this many steps after warm-up; 0 (default, CartPole gin) = constant ε_train. */
  epsilonDecaySteps?: number;
}

/** The schedule settings both value agents resolve from their options. */
export type ValueAgentSchedule = Required<ValueAgentScheduleOptions>;

/**
 * The schedule settings from an agent's options, with Dopamine's `dqn_cartpole.gin` defaults (docs/method.md §A.6;
 * IQN takes the same, docs/method.md §A.7): γ 0.99, warm-up 500, update every 4, target sync every 100, batch 128,
 * replay 50 000, ε_train 0.01, ε_eval 0.001, decay 0 (constant ε). Validation is separate
 * ({@link validateValueAgentSchedule}) so each agent keeps its own order of checks.
 */
export function resolveValueAgentSchedule(opts: ValueAgentScheduleOptions): ValueAgentSchedule {
  return {
    gamma: opts.gamma ?? 0.99,
    minReplay: opts.minReplay ?? 500,
    updatePeriod: opts.updatePeriod ?? 4,
    targetUpdatePeriod: opts.targetUpdatePeriod ?? 100,
    batchSize: opts.batchSize ?? 128,
    replayCapacity: opts.replayCapacity ?? 50_000,
    epsilonTrain: opts.epsilonTrain ?? 0.01,
    epsilonEval: opts.epsilonEval ?? 0.001,
    epsilonDecaySteps: opts.epsilonDecaySteps ?? 0,
  };
}

/** Checks the shared schedule settings; every error names the option. */
export function validateValueAgentSchedule(o: ValueAgentSchedule): void {
  assertInRange(o.gamma, "gamma", { min: 0, max: 1 });
  assertInteger(o.minReplay, "minReplay", { min: 0 });
  assertInteger(o.updatePeriod, "updatePeriod", { min: 1 });
  assertInteger(o.targetUpdatePeriod, "targetUpdatePeriod", { min: 1 });
  assertInteger(o.batchSize, "batchSize", { min: 1 });
  assertInteger(o.replayCapacity, "replayCapacity", { min: 1 });
  assertInRange(o.epsilonTrain, "epsilonTrain", { min: 0, max: 1 });
  assertInRange(o.epsilonEval, "epsilonEval", { min: 0, max: 1 });
  assertInteger(o.epsilonDecaySteps, "epsilonDecaySteps", { min: 0 });
}

/**
 * Dopamine's `linearly_decaying_epsilon` (docs/method.md §A.6 step 1): 1 during the warm-up, then linear down to
 * ε_train over `epsilonDecaySteps`; a decay of 0 means a constant ε_train (Dopamine's CartPole gin).
 */
export function linearlyDecayingEpsilon(o: ValueAgentSchedule, envSteps: number): number {
  const { epsilonDecaySteps: decay, minReplay, epsilonTrain } = o;
  if (decay === 0) return epsilonTrain;
  const bonus = ((1 - epsilonTrain) * (decay + minReplay - envSteps)) / decay;
  return epsilonTrain + Math.min(Math.max(bonus, 0), 1 - epsilonTrain);
}
