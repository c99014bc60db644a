/**
 * Exact linear assignment (docs/method.md, "OT-CFM"): the permutation minimising `Σ_r C[r, π(r)]` for a
 * square cost matrix, by shortest augmenting paths with dual potentials (the Hungarian method in the
 * Jonker–Volgenant form), `O(n³)`. OT-CFM re-pairs each minibatch with it, so the exact plan of the
 * empirical OT problem with uniform weights (a permutation) is used rather than an entropic one.
 */
import { assertArrayLike, assertInteger, DescentError } from "@descent/core-tensor";

/**
 * Returns `assign` with `assign[r]` the column matched to row `r` in an optimal assignment of the
 * `n × n` row-major cost `cost`.
 */
export function solveAssignment(cost: Float64Array, n: number): Int32Array {
  assertInteger(n, "n", { min: 0 });
  assertArrayLike(cost, "cost");
  if (cost.length !== n * n) {
    throw new DescentError(`cost must have length n² = ${n * n}, received ${cost.length}`, {
      parameter: "cost",
      code: "shape",
    });
  }
  for (let k = 0; k < cost.length; k++) {
    if (!Number.isFinite(cost[k])) {
      throw new DescentError(`cost must be finite, found ${cost[k]} at index ${k}`, {
        parameter: "cost",
        code: "finite",
      });
    }
  }
  // 1-based arrays: column 0 is a virtual column holding the row being inserted
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const rowOfCol = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  for (let r = 1; r <= n; r++) {
    rowOfCol[0] = r;
    let col0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[col0] = 1;
      const r0 = rowOfCol[col0] as number;
      let delta = Infinity;
      let col1 = 0;
      for (let c = 1; c <= n; c++) {
        if (used[c]) continue;
        const reduced = (cost[(r0 - 1) * n + c - 1] as number) - (u[r0] as number) - (v[c] as number);
        if (reduced < (minv[c] as number)) {
          minv[c] = reduced;
          way[c] = col0;
        }
        if ((minv[c] as number) < delta) {
          delta = minv[c] as number;
          col1 = c;
        }
      }
      for (let c = 0; c <= n; c++) {
        if (used[c]) {
          const rr = rowOfCol[c] as number;
          u[rr] = (u[rr] as number) + delta;
          v[c] = (v[c] as number) - delta;
        } else minv[c] = (minv[c] as number) - delta;
      }
      col0 = col1;
    } while (rowOfCol[col0] !== 0);
    // augment along the alternating path
    do {
      const prev = way[col0] as number;
      rowOfCol[col0] = rowOfCol[prev] as number;
      col0 = prev;
    } while (col0 !== 0);
  }
  const assign = new Int32Array(n);
  for (let c = 1; c <= n; c++) assign[(rowOfCol[c] as number) - 1] = c - 1;
  return assign;
}
