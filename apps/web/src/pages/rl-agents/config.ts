/** The rl-agents page's configuration and progress messages (no package imports). */

export interface LrrlConfig {
  seed: number;
  /** Environment steps of DQN training. */
  totalSteps: number;
  /** κ, environment steps per bandit round. */
  roundSteps: number;
  /** The arms: candidate learning rates. */
  arms: number[];
}

/** The arm set and round length of the package's CartPole reproduction (quick: 4 000 steps, κ = 500). */
export const defaultLrrlConfig: LrrlConfig = {
  seed: 0,
  totalSteps: 4000,
  roundSteps: 500,
  arms: [1e-4, 3e-4, 1e-3, 3e-3, 1e-2],
};

export interface EpisodeMessage {
  kind: "episode";
  step: number;
  return: number;
}

export interface RoundMessage {
  kind: "round";
  round: number;
  step: number;
  /** The learning rate sampled for the round that just ended, and its feedback. */
  lr: number;
  feedback: number;
  /** Arm probabilities after the update. */
  probs: number[];
}

/** A snapshot of the cart-pole state [x, ẋ, θ, θ̇] for drawing. */
export interface PoleMessage {
  kind: "pole";
  step: number;
  state: number[];
}

export type LrrlProgress = EpisodeMessage | RoundMessage | PoleMessage;
