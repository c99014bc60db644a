/** The SABO page's run configuration and progress messages (no package imports: the page bundle stays small). */

export interface SaboConfig {
  seed: number;
  /**
   * ρ, the KL radius of SABO's worst-case Gaussian. Default 0.2 (our choice for d = 2: the paper's radii are
   * for d = 50 and larger; with σ0 = 0.5 and seed 0 it separates SABO (flat wells) from INGO).
   */
  rho: number;
  iterations: number;
  /** N, queries per batch for all three methods. */
  populationSize: number;
  /** σ0 of every method. Default 0.5 (our choice: wide enough to feel both wells at the start). */
  sigma0: number;
  /** Pause between iterations so the motion can be followed (our choice; 0 runs flat out). */
  delayMs: number;
}

export const defaultSaboConfig: SaboConfig = {
  seed: 0,
  rho: 0.2,
  iterations: 120,
  populationSize: 20,
  sigma0: 0.5,
  delayMs: 10,
};

export interface MethodState {
  method: string;
  iteration: number;
  mean: [number, number];
  /** Diagonal variances of the search Gaussian (SABO, INGO); null for CMA-ES, whose covariance is private. */
  variance: [number, number] | null;
  /** The last batch of queries. */
  samples: [number, number][];
  train: number;
  test: number;
  /**
   * Why the method stopped by itself, or null: e.g. SABO's `"diverged"` when its precision step went
   * non-positive (large ρ with β = 1/√2 in two dimensions), with the library's explanation.
   */
  stopped: string | null;
}

/** One progress message: the landscape grid (first message only) and each method's state. */
export interface SaboProgress {
  landscape?: LandscapeCell[];
  states: MethodState[];
}

export interface LandscapeCell {
  x: number;
  x2: number;
  y: number;
  y2: number;
  f: number;
}

/** Half-width of the drawn square. */
export const LANDSCAPE_LIMIT = 2;
