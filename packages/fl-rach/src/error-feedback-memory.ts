/**
 * Error-feedback memory of one user (docs/method.md §c.1 steps 3 and 7, §c.4).
 *
 * Each frame: `compensate(Δ)` forms a = Δ + γ m (the leak γ applied inside a, docs/method.md §h.1), the user
 * sends ĝ = C(a), and `commit(ĝ, delivered)` keeps the rest:
 * - `'acknowledged'` (default [D]): m ← a − ĝ if the PS acknowledged the packet, m ← a otherwise, so
 *   nothing is created or lost, only delayed (docs/method.md §c.4), and the memory of a starved user grows (the AoG
 *   signal);
 * - `'optimistic'`: m ← a − ĝ whatever happened (a lost packet's content is gone).
 *
 * @example
 * ```ts
 * const mem = new ErrorFeedbackMemory(d);
 * const a = mem.compensate(delta);
 * const g = topK({ fraction: 0.05 }).compress(a);
 * mem.commit(g, delivered);
 * ```
 */
import { assertInRange, assertInteger, assertOneOf, DescentError } from "@descent/core-tensor";
import type { SparseUpdate } from "./top-k.js";
import { squaredNorm } from "./top-k.js";

/** What a lost packet does to the memory (docs/method.md §h.3). */
export type MemoryMode = "acknowledged" | "optimistic";

/** Options of {@link ErrorFeedbackMemory}. */
export interface ErrorFeedbackMemoryOptions {
  /** γ in a = Δ + γ m. Default 1 (standard error feedback, docs/method.md §b); γ < 1 is a leaky memory. */
  decay?: number;
  /** Default `'acknowledged'` (our choice, docs/method.md §c.1 step 7). */
  mode?: MemoryMode;
  /**
   * Storage type. Default `'float64'` (our choice: starved users' memories grow without bound, and the
   * conservation check needs float64, docs/method.md §h.11); `'float32'` halves the memory footprint.
   */
  dtype?: "float32" | "float64";
}

/** The error-feedback state of one user. */
export class ErrorFeedbackMemory {
  /** Dimension d. */
  readonly dimension: number;
  /** γ. */
  readonly decay: number;
  readonly mode: MemoryMode;
  private m: Float32Array | Float64Array;
  private a: Float32Array | Float64Array;
  private pending = false;

  constructor(dimension: number, options: ErrorFeedbackMemoryOptions = {}) {
    assertInteger(dimension, "dimension", { min: 1 });
    const { decay = 1, mode = "acknowledged", dtype = "float64" } = options;
    assertInRange(decay, "decay", { min: 0, max: 1 });
    assertOneOf(mode, "mode", ["acknowledged", "optimistic"]);
    assertOneOf(dtype, "dtype", ["float32", "float64"]);
    this.dimension = dimension;
    this.decay = decay;
    this.mode = mode;
    const Ctor = dtype === "float64" ? Float64Array : Float32Array;
    this.m = new Ctor(dimension);
    this.a = new Ctor(dimension);
  }

  /** The memory m (read-only view; valid until the next `commit`). */
  get memory(): Float32Array | Float64Array {
    return this.m;
  }

  /** ‖m‖₂, accumulated in float64. */
  norm(): number {
    return Math.sqrt(squaredNorm(this.m));
  }

  /**
   * a = Δ + γ m (docs/method.md §c.1 step 3). Returns an internal buffer that stays valid until `commit`.
   */
  compensate(update: Float32Array | Float64Array): Float32Array | Float64Array {
    if (update.length !== this.dimension) {
      throw new DescentError(`update must have length ${this.dimension}, received ${update.length}`, {
        parameter: "update",
        code: "shape",
      });
    }
    const { m, a } = this;
    const g = this.decay;
    if (g === 1) for (let i = 0; i < a.length; i++) a[i] = (update[i] as number) + (m[i] as number);
    else for (let i = 0; i < a.length; i++) a[i] = (update[i] as number) + g * (m[i] as number);
    this.pending = true;
    return a;
  }

  /**
   * m ← a − ĝ if `delivered` (or in optimistic mode), m ← a otherwise (docs/method.md §c.1 step 7).
   * `sent` may be `null` when it is not needed (acknowledged mode and not delivered).
   */
  commit(sent: SparseUpdate | null, delivered: boolean): void {
    if (!this.pending) {
      throw new DescentError("commit called without a preceding compensate", {
        parameter: "commit",
        code: "state",
      });
    }
    const subtract = delivered || this.mode === "optimistic";
    if (subtract && (sent === null || sent.d !== this.dimension)) {
      throw new DescentError(`sent must be the packet of dimension ${this.dimension} built from a`, {
        parameter: "sent",
        code: "shape",
      });
    }
    // the old memory buffer becomes next frame's scratch space for a
    const next = this.a;
    this.a = this.m;
    this.m = next;
    if (subtract && sent !== null) {
      const { indices, values } = sent;
      for (let j = 0; j < indices.length; j++) {
        const i = indices[j] as number;
        next[i] = (next[i] as number) - (values[j] as number);
      }
    }
    this.pending = false;
  }
}
