/**
 * Row gathering shared by {@link selectImages} and {@link selectRows}: both copy the rows at
 * `indices` of a row-major array into a new one, checking every index first.
 */
import { DescentError } from "@descent/core-tensor";

/**
 * Copies the rows `indices` (each `width` values long) of `data`, which holds `count` rows, into
 * `out` in that order.
 *
 * @throws {DescentError} code `"range"` naming `indices[k]` when an index is not an integer in `[0, count)`.
 */
export function gatherRows<T extends Float32Array | Float64Array>(
  data: T,
  width: number,
  count: number,
  indices: ArrayLike<number>,
  out: T,
): T {
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    if (!Number.isInteger(i) || i < 0 || i >= count) {
      throw new DescentError(`indices[${k}] must be an integer in [0, ${count - 1}], received ${i}`, {
        parameter: "indices",
        code: "range",
      });
    }
    out.set(data.subarray(i * width, (i + 1) * width), k * width);
  }
  return out;
}
