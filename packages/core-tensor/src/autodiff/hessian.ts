/**
 * `hessian`: the dense Hessian of a scalar function of one small tensor, column by column, as
 * Hessian-vector products with the unit vectors (reverse-over-reverse). The same second-order-safety
 * rule as {@link hessianVectorProduct} applies: f must use ops whose gradients are written in terms of
 * their inputs (the safe ops of this module and the platform notes §2 "correct" list).
 *
 * @example
 * ```ts
 * const H = hessian((x) => x.square().sum().mul(0.5), x); // identity, shape [x.size, x.size]
 * ```
 */
import { tf } from "../backend.js";
import { hessianVectorProduct } from "./hessian-vector-product.js";
import { assertFloatTensor, assertFunction } from "./tensor-arguments.js";

/**
 * H[i, j] = ∂² f / ∂x_i ∂x_j with x flattened row-major: a `[x.size, x.size]` float32 tensor the caller
 * owns. Costs x.size Hessian-vector products; column j is H e_j, not symmetrised (so the symmetry of
 * the result is a check of the ops used). Throws a {@link DescentError} when `x` is not a float32 tensor
 * or `f` does not return a scalar.
 */
export function hessian(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): tf.Tensor2D {
  assertFunction(f, "f");
  assertFloatTensor(x, "x");
  const n = x.size;
  return tf.tidy(() => {
    const columns: tf.Tensor[] = [];
    for (let j = 0; j < n; j++) {
      const column = tf.tidy(() => {
        const unit = new Float32Array(n);
        unit[j] = 1;
        return tf.reshape(hessianVectorProduct(f, x, tf.tensor(unit, x.shape, "float32")), [n]);
      });
      columns.push(column);
    }
    // column j was stacked as row j: transpose back so that H[:, j] = H e_j
    return tf.transpose(tf.stack(columns)) as tf.Tensor2D;
  });
}
