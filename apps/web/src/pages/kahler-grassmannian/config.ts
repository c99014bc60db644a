/** The kahler-grassmannian page's configuration and progress messages (no package imports). */

export interface KahlerConfig {
  seed: number;
  /** The modulus ψ of the Dwork quintic Σ zᵢ⁵ − 5ψ Π zᵢ = 0 (real). */
  psi: number;
  /** Points of the training cloud (the T-iteration and the learning loss). */
  trainPoints: number;
  /** Points of the validation cloud on which σ is measured (a disjoint seed). */
  validationPoints: number;
  /** Degrees k of the balanced metrics. */
  ks: number[];
  /** Donaldson T-iterations per k. */
  donaldsonIterations: number;
  /** Degree k of the sections that Method A chooses a subspace of. */
  learnK: number;
  /** Subspace dimension m (7 ≤ m < N_k). */
  m: number;
  /** Armijo steps of Method A. */
  learnSteps: number;
  /** T-steps unrolled per evaluation of Method A's loss. */
  unrolledTSteps: number;
}

export const defaultKahlerConfig: KahlerConfig = {
  seed: 0,
  psi: 0,
  trainPoints: 1200,
  validationPoints: 1200,
  ks: [1, 2, 3],
  donaldsonIterations: 10,
  learnK: 2,
  m: 8,
  learnSteps: 5,
  unrolledTSteps: 3,
};

/** σ on the validation cloud of Donaldson's balanced metric at degree k (N_k sections). */
export interface DonaldsonPoint {
  kind: "donaldson";
  k: number;
  sections: number;
  sigma: number;
  iterations: number;
}

/** σ on the validation cloud of Method A's metric after `step` Armijo steps (step 0: the Haar-random start). */
export interface LearnPoint {
  kind: "learn";
  step: number;
  trainLoss: number;
  sigma: number;
}

export type KahlerProgress = DonaldsonPoint | LearnPoint;
