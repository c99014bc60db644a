/**
 * Network-free diagnostics of a conditional path (docs/method.md, "Endpoint mixture"): at the optimum of
 * the flow-matching regression the model's `t = 1` density is the endpoint mixture
 * `(1/N) Σ_i p_1(x | x_1^(i))`, a kernel density estimate whose kernels are the path's endpoints; and
 * the exact marginal field `u_t(x) = Σ_i w_i u_t(x | x_1^(i))`, `w_i ∝ p_t(x | x_1^(i))`, which generates it.
 */
import { DescentError } from "@descent/core-tensor";
import type { AnalyticField } from "./analytic-field.js";
import { assertPath, assertPoint } from "./argument-types.js";
import type { ConditionalPath } from "./conditional-path.js";

function logWeights(
  path: ConditionalPath,
  x: ArrayLike<number>,
  t: number,
): { w: Float64Array; lse: number } {
  const n = path.size;
  const w = new Float64Array(n);
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = path.logDensity(i, x, t);
    w[i] = v;
    if (v > max) max = v;
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp((w[i] as number) - max);
  const lse = max + Math.log(s);
  for (let i = 0; i < n; i++) w[i] = Math.exp((w[i] as number) - lse);
  return { w, lse };
}

/** `log (1/N) Σ_i p_1(x | x_1^(i))`. Needs a path whose endpoint is non-degenerate (σ, D > 0). */
export function endpointMixtureLogDensity(path: ConditionalPath, x: ArrayLike<number>): number {
  assertPath(path);
  assertPoint(x, "x", path.dim);
  if (x.length !== path.dim) {
    throw new DescentError(`x must have length ${path.dim}, received ${x.length}`, {
      parameter: "x",
      code: "shape",
    });
  }
  const { lse } = logWeights(path, x, 1);
  if (!Number.isFinite(lse)) {
    throw new DescentError(`path "${path.name}" has a degenerate endpoint (zero variance)`, {
      parameter: "path",
      code: "degenerate",
    });
  }
  return lse - Math.log(path.size);
}

/**
 * The exact marginal field of `path` as an {@link AnalyticField}, with its analytic divergence
 * `Σ_i w_i [∇·u_i + u_i·(s_i − s̄)]` (`s_i` the conditional scores, `s̄ = Σ_i w_i s_i`).
 * Integrating it from t = 1 to 0 reproduces the endpoint mixture's log-density.
 */
export function marginalField(path: ConditionalPath): AnalyticField {
  assertPath(path);
  const d = path.dim;
  const u = new Float64Array(d);
  const sc = new Float64Array(d);
  return {
    dim: d,
    value(x, t, out = new Float64Array(d)) {
      const { w } = logWeights(path, x, t);
      out.fill(0);
      for (let i = 0; i < path.size; i++) {
        const wi = w[i] as number;
        if (wi < 1e-300) continue;
        path.field(i, x, t, u);
        for (let k = 0; k < d; k++) out[k] = (out[k] as number) + wi * (u[k] as number);
      }
      return out;
    },
    divergence(x, t) {
      const { w } = logWeights(path, x, t);
      const sbar = new Float64Array(d);
      const ubar = new Float64Array(d);
      let acc = 0;
      for (let i = 0; i < path.size; i++) {
        const wi = w[i] as number;
        if (wi < 1e-300) continue;
        path.field(i, x, t, u);
        path.score(i, x, t, sc);
        let us = 0;
        for (let k = 0; k < d; k++) {
          us += (u[k] as number) * (sc[k] as number);
          sbar[k] = (sbar[k] as number) + wi * (sc[k] as number);
          ubar[k] = (ubar[k] as number) + wi * (u[k] as number);
        }
        acc += wi * (path.divergence(i, t) + us);
      }
      let c = 0;
      for (let k = 0; k < d; k++) c += (ubar[k] as number) * (sbar[k] as number);
      return acc - c;
    },
  };
}
