/**
 * LRRL for RL agents (docs/method.md §B.c, B.g `withLrrl`): wraps any {@link LearningAgent} so that every κ
 * environment steps the bandit picks the learning rate of all the agent's optimizers, and the agent's
 * performance during the round is fed back. The agent itself is untouched (same update schedule).
 */
import { assertFiniteNumber, assertInteger, DescentError } from "@descent/core-tensor";
import type { LearningAgent, Transition } from "./agent.js";
import { type BanditRound, LearningRateBandit } from "./learning-rate-bandit.js";
import type { LrBanditOptions, TimeDecayedExp3 } from "./time-decayed-exp3.js";

/** How the round's feedback f_n is measured (docs/method.md §B.c). */
export type LrrlFeedback = "episodeReturn" | "windowRewardMean" | "evalReturn";

/** Options of {@link withLrrl} (docs/method.md §B.g `LrrlOptions`). */
export interface LrrlOptions extends LrBanditOptions {
  /** κ: environment steps per bandit round = 1 000 [project default for classic control]. */
  roundSteps?: number;
  /**
   * `'episodeReturn'` (default): mean undiscounted return of the episodes finished during the round,
   * reusing the previous f (0 in round 1) when none finished. `'windowRewardMean'`: mean per-step reward
   * of the round. `'evalReturn'`: the value of `evaluate()` after the round (ablations only).
   */
  feedback?: LrrlFeedback;
  /** Greedy evaluation used by `feedback: 'evalReturn'` (required then). */
  evaluate?: () => number;
}

/** The extra members of an LRRL-wrapped agent. */
export interface LrrlControls {
  readonly bandit: TimeDecayedExp3;
  readonly learningRateBandit: LearningRateBandit;
  onRound(cb: (r: BanditRound) => void): void;
}

/**
 * Wraps `agent` with LRRL (docs/method.md §B.c). The first arm is chosen immediately; every `roundSteps` observed
 * transitions the round's feedback updates the bandit and the next arm is chosen.
 */
export function withLrrl<A, G extends LearningAgent<A>>(agent: G, opts: LrrlOptions): G & LrrlControls {
  const roundSteps = opts.roundSteps ?? 1000;
  assertInteger(roundSteps, "roundSteps", { min: 1 });
  const feedback = opts.feedback ?? "episodeReturn";
  if (feedback !== "episodeReturn" && feedback !== "windowRewardMean" && feedback !== "evalReturn") {
    throw new DescentError(
      `feedback must be 'episodeReturn', 'windowRewardMean' or 'evalReturn', received ${String(feedback)}`,
      { parameter: "feedback" },
    );
  }
  if (feedback === "evalReturn" && typeof opts.evaluate !== "function") {
    throw new DescentError("evaluate must be a function when feedback is 'evalReturn'", {
      parameter: "evaluate",
    });
  }
  const lrb = new LearningRateBandit({ ...opts, optimizers: agent.optimizers });
  lrb.beginRound();
  let stepsInRound = 0;
  let rewardSum = 0;
  let episodeReturn = 0;
  let finishedSum = 0;
  let finishedCount = 0;
  let lastFeedback = 0;
  const observe = (t: Transition<A>): void => {
    agent.observe(t);
    stepsInRound += 1;
    rewardSum += t.reward;
    episodeReturn += t.reward;
    if (t.terminated || t.truncated) {
      finishedSum += episodeReturn;
      finishedCount += 1;
      episodeReturn = 0;
    }
    if (stepsInRound < roundSteps) return;
    let f: number;
    if (feedback === "episodeReturn") {
      f = finishedCount > 0 ? finishedSum / finishedCount : lastFeedback;
    } else if (feedback === "windowRewardMean") {
      f = rewardSum / stepsInRound;
    } else {
      f = (opts.evaluate as () => number)();
      assertFiniteNumber(f, "evaluate()");
    }
    lastFeedback = f;
    stepsInRound = 0;
    rewardSum = 0;
    finishedSum = 0;
    finishedCount = 0;
    lrb.endRound(f);
    lrb.beginRound();
  };
  const controls: LrrlControls = {
    bandit: lrb.bandit,
    learningRateBandit: lrb,
    onRound: (cb) => lrb.onRound(cb),
  };
  return new Proxy(agent, {
    get(target, prop) {
      if (prop === "observe") return observe;
      if (Object.hasOwn(controls, prop)) return controls[prop as keyof LrrlControls];
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" && prop !== "constructor" ? v.bind(target) : v;
    },
  }) as G & LrrlControls;
}
