/** The adversarial-linear page's configuration and progress messages (no package imports). */

export type Norm = "linf" | "l2";

export interface AdversarialConfig {
  seed: number;
  /** Training points n. */
  samples: number;
  /** Features p. */
  features: number;
  /** Non-zero true coefficients (a sparse ground truth shows the ℓ∞ path's lasso-like zeros). */
  nonZeros: number;
  /** Radii on the path, evenly spaced from 0 to δ_zero. */
  pathPoints: number;
  /** Attack norm of the solver race. */
  raceAttack: Norm;
}

export const defaultAdversarialConfig: AdversarialConfig = {
  seed: 0,
  samples: 60,
  features: 8,
  nonZeros: 3,
  pathPoints: 30,
  raceAttack: "linf",
};

/** One point of a coefficient path: every coefficient at radius δ for one attack norm. */
export interface PathPoint {
  kind: "path";
  attack: Norm;
  delta: number;
  /** δ / δ_zero, the radius relative to the smallest one that zeroes β. */
  relativeDelta: number;
  coef: number[];
}

/** One solver's trace in the race: adversarial risk against iterations and milliseconds. */
export interface RaceTrace {
  kind: "race";
  solver: string;
  iterations: number[];
  milliseconds: number[];
  risk: number[];
}

export type AdversarialProgress = PathPoint | RaceTrace;
