/** The fl-rach page's configuration and progress messages (no package imports). */

export type PolicyName = "AoG" | "vanilla ALOHA" | "round robin" | "ideal (no collisions)";
export const POLICIES: readonly PolicyName[] = [
  "AoG",
  "vanilla ALOHA",
  "round robin",
  "ideal (no collisions)",
];

export interface FlRachConfig {
  seed: number;
  /** N users. */
  users: number;
  /** S slots per frame. */
  slotsPerFrame: number;
  /** T frames (communication rounds). */
  frames: number;
  /** Policies to run, in this order. */
  policies: PolicyName[];
  /** The tfjs backend of the MLP: wasm (default), webgl or cpu. */
  backend: "wasm" | "webgl" | "cpu";
}

export const defaultFlRachConfig: FlRachConfig = {
  seed: 0,
  users: 10,
  slotsPerFrame: 5,
  frames: 25,
  policies: [...POLICIES],
  backend: "wasm",
};

/** One frame of one policy: what happened in each slot and each user's AoG score. */
export interface FrameMessage {
  kind: "frame";
  policy: PolicyName;
  frame: number;
  // "orthogonal": the ideal (collision-free) channel delivers every transmitter of the slot
  slots: {
    slot: number;
    outcome: "idle" | "success" | "collision" | "erasure" | "orthogonal";
    transmitters: number[];
  }[];
  users: { user: number; aog: number; active: boolean }[];
}

/** Test accuracy of the global model after a frame. */
export interface AccuracyMessage {
  kind: "accuracy";
  policy: PolicyName;
  frame: number;
  slotsUsed: number;
  accuracy: number;
}

export type FlRachProgress = FrameMessage | AccuracyMessage;
