/** The looped-transformer page's configuration and progress messages (no package imports). */

export interface LoopedConfig {
  seed: number;
  /** Dimension d of the in-context regression. */
  dim: number;
  /** In-context examples n per prompt. */
  examples: number;
  /** Loop counts T to train, one model each. */
  loops: number[];
  /** Adam steps per model. */
  steps: number;
  /** Prompts per Adam step. */
  batch: number;
  /** Fresh test prompts shared by the transformer and GD (a paired comparison). */
  testPrompts: number;
}

export const defaultLoopedConfig: LoopedConfig = {
  seed: 0,
  dim: 5,
  examples: 20,
  loops: [1, 2, 4],
  steps: 300,
  batch: 64,
  testPrompts: 512,
};

/** Training loss of the model with `loops` loops, every few steps. */
export interface LossPoint {
  kind: "loss";
  loops: number;
  step: number;
  loss: number;
}

/** Test MSE of the trained looped transformer and of GD with the best scalar step, for T loops/steps. */
export interface ErrorPoint {
  kind: "error";
  loops: number;
  transformer: number;
  gd: number;
  gdStep: number;
}

export type LoopedProgress = LossPoint | ErrorPoint;
