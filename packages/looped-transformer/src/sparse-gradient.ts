/**
 * Loss and gradient of the `"sparse"` looped model in its reduced form. With P and Q fixed to the
 * construction-A/C pattern, the LSA state of a prompt is determined by the weight iterate
 * (docs/method.md §c.1, c.3): construction A runs `w ← w + Aᵀ(b − Ŝw)` (preconditioner Aᵀ), construction C runs
 * `w ← w + A(b − Ŝw)`, with `Ŝ = XᵀX/n`, `b = Xᵀy/n`. Back-propagating through this d-dimensional
 * recursion gives exactly the gradient of the full LSA backward pass (docs/method.md §c.5) restricted to A, at
 * `O(T d²)` per prompt instead of `O(T D² n)` — our choice for the training hot path; a test pins the
 * agreement with {@link lsaLossAndGradient}.
 */
import { assertOneOf, DescentError, type Matrix64, matrix64 } from "@descent/core-tensor";
import type { LsaTask } from "./lsa-gradient.js";
import type { RegressionPrompt } from "./prompt.js";

/** Batch-mean loss and its gradient with respect to each layer's preconditioner block A. */
export interface SparseLossGradient {
  loss: number;
  /** `∂loss/∂A_t`, one per distinct layer. */
  gradA: Matrix64[];
}

/**
 * Mean loss over `prompts` of the `"sparse"` looped (one A) or stacked (`loops` A's) model and its
 * exact gradient, via the reduced weight recursion (see the module comment).
 */
export function sparseLossAndGradient(
  preconditioners: readonly Matrix64[],
  prompts: readonly RegressionPrompt[],
  loops: number,
  task: LsaTask = "prediction",
): SparseLossGradient {
  assertOneOf(task, "task", ["prediction", "vector"] as const);
  if (preconditioners.length !== 1 && preconditioners.length !== loops) {
    throw new DescentError(
      `preconditioners must hold 1 (looped) or loops = ${loops} (stacked) matrices, received ${preconditioners.length}`,
      { parameter: "preconditioners", code: "shape" },
    );
  }
  if (prompts.length === 0)
    throw new DescentError("prompts must not be empty", { parameter: "prompts", code: "empty" });
  const d = (preconditioners[0] as Matrix64).rows;
  const transposed = task === "prediction"; // construction A applies Aᵀ, construction C applies A
  const gradA = preconditioners.map(() => matrix64(d, d));
  const B = prompts.length;
  const S = new Float64Array(d * d);
  const b = new Float64Array(d);
  const ws = new Float64Array((loops + 1) * d); // w_0 … w_T
  const rs = new Float64Array(loops * d); // r_t = b − Ŝ w_t
  const g = new Float64Array(d);
  const h = new Float64Array(d);
  let loss = 0;
  for (const p of prompts) {
    const n = p.X.rows;
    const X = p.X.data;
    S.fill(0);
    b.fill(0);
    for (let i = 0; i < n; i++) {
      const yi = (p.y[i] as number) / n;
      for (let a = 0; a < d; a++) {
        const xa = X[i * d + a] as number;
        b[a] = (b[a] as number) + xa * yi;
        for (let c = a; c < d; c++)
          S[a * d + c] = (S[a * d + c] as number) + (xa * (X[i * d + c] as number)) / n;
      }
    }
    for (let a = 0; a < d; a++) for (let c = 0; c < a; c++) S[a * d + c] = S[c * d + a] as number;
    ws.fill(0, 0, d);
    for (let t = 0; t < loops; t++) {
      const A = (preconditioners[preconditioners.length === 1 ? 0 : t] as Matrix64).data;
      const w = t * d;
      for (let a = 0; a < d; a++) {
        let s = b[a] as number;
        for (let c = 0; c < d; c++) s -= (S[a * d + c] as number) * (ws[w + c] as number);
        rs[t * d + a] = s;
      }
      for (let a = 0; a < d; a++) {
        let s = ws[w + a] as number;
        for (let c = 0; c < d; c++) {
          s += (transposed ? (A[c * d + a] as number) : (A[a * d + c] as number)) * (rs[t * d + c] as number);
        }
        ws[w + d + a] = s;
      }
    }
    // loss and ∂ℓ/∂w_T
    const wT = loops * d;
    if (task === "prediction") {
      let yhat = 0;
      for (let a = 0; a < d; a++) yhat += (p.xq[a] as number) * (ws[wT + a] as number);
      const err = yhat - p.yq;
      loss += err * err;
      for (let a = 0; a < d; a++) g[a] = (2 * err * (p.xq[a] as number)) / B;
    } else {
      for (let a = 0; a < d; a++) {
        const err = (ws[wT + a] as number) - (p.wStar[a] as number);
        loss += err * err;
        g[a] = (2 * err) / B;
      }
    }
    // backward through w_{t+1} = w_t + M r_t, r_t = b − Ŝ w_t, M = Aᵀ (prediction) or A (vector)
    for (let t = loops - 1; t >= 0; t--) {
      const li = preconditioners.length === 1 ? 0 : t;
      const A = (preconditioners[li] as Matrix64).data;
      const G = (gradA[li] as Matrix64).data;
      const r = t * d;
      for (let a = 0; a < d; a++) {
        for (let c = 0; c < d; c++) {
          // prediction: w_i += Σ_j A_ji r_j → ∂A_ji += r_j g_i; vector: w_i += Σ_j A_ij r_j → ∂A_ij += g_i r_j
          if (transposed) G[c * d + a] = (G[c * d + a] as number) + (rs[r + c] as number) * (g[a] as number);
          else G[a * d + c] = (G[a * d + c] as number) + (g[a] as number) * (rs[r + c] as number);
        }
      }
      if (t === 0) break;
      // h = Mᵀ g;  g ← g − Ŝ h
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let c = 0; c < d; c++)
          s += (transposed ? (A[a * d + c] as number) : (A[c * d + a] as number)) * (g[c] as number);
        h[a] = s;
      }
      for (let a = 0; a < d; a++) {
        let s = g[a] as number;
        for (let c = 0; c < d; c++) s -= (S[a * d + c] as number) * (h[c] as number);
        g[a] = s;
      }
    }
  }
  return { loss: loss / B, gradA };
}
