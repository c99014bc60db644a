/** The hi-fm page's configuration and progress messages (no package imports). */

export interface HiFmConfig {
  seed: number;
  /** Training points N drawn from the four wells (the endpoints of the conditional paths). */
  trainPoints: number;
  /** Endpoint scale σ: Lipman CFM ends in N(x₁, σ²I), HI-FM in N(x₁, D H̃⁻¹) with D = σ²ḡ (same volume). */
  sigma: number;
  /** Prior samples carried along the flow of each method. */
  particles: number;
  /** RK4 steps from t = 0 to t = 1 (one plotted frame each). */
  odeSteps: number;
  /** Exact test samples on which the endpoint-mixture NLL is measured. */
  testPoints: number;
}

export const defaultHiFmConfig: HiFmConfig = {
  seed: 0,
  trainPoints: 64,
  sigma: 0.2,
  particles: 120,
  odeSteps: 20,
  testPoints: 400,
};

export type Method = "HI-FM" | "isotropic CFM";

/** The training points (shown under both flows). */
export interface DataMessage {
  kind: "data";
  points: { x: number; y: number }[];
}

/** Every particle of one method at flow time t. */
export interface FrameMessage {
  kind: "frame";
  method: Method;
  step: number;
  t: number;
  xs: number[];
  ys: number[];
}

/** Mean negative log-likelihood of exact test samples under each method's t = 1 density, and the truth's. */
export interface NllMessage {
  kind: "nll";
  model: Method | "true density";
  nll: number;
  standardError: number;
}

export type HiFmProgress = DataMessage | FrameMessage | NllMessage;
