/** The SAVO page's configuration and progress messages (no package imports). */

export interface SavoConfig {
  seed: number;
  /** Action dimension of the multimodal task: 1 (a curve) or 2 (a heat map). */
  actionDim: 1 | 2;
  /** Successive actors k of SAVO. */
  numActors: number;
  /** Actor (and surrogate) updates on the oracle critic. */
  steps: number;
  /** States per update. */
  batchSize: number;
  /** Hidden layers of every actor, surrogate and critic. */
  hiddenSizes: number[];
  /** Updates between two plotted snapshots of the proposals. */
  snapshotEvery: number;
  /** Grid points per action axis of the plotted landscape. */
  grid: number;
  /** Fixed test states of the final evaluation. */
  testStates: number;
}

export const defaultSavoConfig: SavoConfig = {
  seed: 0,
  actionDim: 1,
  numActors: 3,
  steps: 150,
  batchSize: 32,
  hiddenSizes: [32, 32],
  snapshotEvery: 10,
  grid: 121,
  testStates: 200,
};

/** Q(s, a) = r(s, a) over the action grid at the shown state, and the bumps' centres there. */
export interface LandscapeMessage {
  kind: "landscape";
  state: number[];
  cells: { a1: number; a2: number; q: number }[];
  globalCentre: number[];
}

/** Each agent's actor proposals at the shown state after `step` updates. */
export interface ProposalMessage {
  kind: "proposals";
  step: number;
  agent: string;
  proposals: { actor: number; a1: number; a2: number; q: number; chosen: boolean }[];
}

/** The greedy policy's normalised value V and global-bump hit rate on fixed test states. */
export interface EvaluationMessage {
  kind: "evaluation";
  agent: string;
  value: number;
  globalFraction: number;
}

export type SavoProgress = LandscapeMessage | ProposalMessage | EvaluationMessage;
