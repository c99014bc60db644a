/**
 * `jacobian`: the dense Jacobian of a tensor function by reverse mode, one vector-Jacobian product
 * per output entry (row by row). Meant for small functions (tests, diagnostics, small Newton systems):
 * it costs one forward and one backward pass per output entry.
 *
 * @example
 * ```ts
 * const J = jacobian((x) => tf.matMul(A, x.reshape([n, 1])).reshape([m]), x); // = A, shape [m, n]
 * ```
 */
import { tf } from "../backend.js";
import { DescentError, describeValue } from "../errors.js";
import { assertFloatTensor, assertFunction } from "./tensor-arguments.js";

/**
 * J[i, j] = ∂ y_i / ∂ x_j for y = f(x), with y and x flattened in row-major order: a `[y.size, x.size]`
 * float32 tensor that the caller owns. `f` must return a float32 tensor of any shape. Entries of x that
 * y does not depend on get zero columns. Throws a {@link DescentError} when `x` is not a float32 tensor
 * or `f` does not return one.
 */
export function jacobian(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): tf.Tensor2D {
  assertFunction(f, "f");
  assertFloatTensor(x, "x");
  const n = x.size;
  const outShape = tf.tidy(() => {
    const y = f(x);
    if (!(y instanceof tf.Tensor) || y.dtype !== "float32") {
      throw new DescentError(`f must return a float32 tf.Tensor, returned ${describeValue(y)}`, {
        parameter: "f",
        code: "type",
      });
    }
    return y.shape;
  });
  const m = outShape.reduce((a, b) => a * b, 1);
  return tf.tidy(() => {
    const rows: tf.Tensor[] = [];
    for (let i = 0; i < m; i++) {
      // the i-th row is the vector-Jacobian product with the i-th unit vector of the output
      const row = tf.tidy(() => {
        const unit = new Float32Array(m);
        unit[i] = 1;
        const seed = tf.tensor(unit, outShape, "float32");
        const { value, grads } = tf.engine().gradients(() => f(x), [x], seed, true);
        value.dispose();
        const g = grads[0];
        return g === undefined ? tf.zeros([n]) : tf.reshape(g, [n]);
      });
      rows.push(row);
    }
    return tf.stack(rows) as tf.Tensor2D;
  });
}
