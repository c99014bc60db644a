/**
 * tfjs keeps the tensors a gradient tape saves for the backward pass outside every `tidy` scope, and
 * disposes them only when the backward pass completes. When the function being differentiated throws
 * (a user's model or callback fails mid-attack), the tape is abandoned with its saved tensors: a leak
 * that no `tidy` can reach. This releases them.
 */
import { tf } from "../backend.js";

interface TapeNode {
  saved?: tf.Tensor[];
}

interface EngineState {
  activeTape: TapeNode[] | null;
  gradientDepth: number;
}

/**
 * Disposes the saved tensors of a gradient tape that a throw left behind and clears it. Call it in the
 * `catch` of code that runs `tf.grad`/`tf.grads`/`tf.valueAndGrads` on user functions. It does nothing
 * while an enclosing gradient computation is still running (higher-order gradients own the tape then).
 *
 * @returns the number of tensors disposed
 * @example
 * ```ts
 * try { grads = tf.grads(f)([x]); } catch (e) { disposeAbandonedGradientTape(); throw e; }
 * ```
 */
export function disposeAbandonedGradientTape(): number {
  const state = (tf.engine() as unknown as { state: EngineState }).state;
  if (state.gradientDepth !== 0 || state.activeTape === null || state.activeTape === undefined) return 0;
  let disposed = 0;
  for (const node of state.activeTape) {
    for (const tensor of node.saved ?? []) {
      if (!tensor.isDisposed) {
        tensor.dispose();
        disposed++;
      }
    }
  }
  state.activeTape = null;
  return disposed;
}
