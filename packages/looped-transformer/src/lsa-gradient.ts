/**
 * Loss and hand-written backward pass of the looped (or stacked) LSA model over a batch of prompts, in
 * float64 (spec c.5). This is the training hot path: no autodiff, no tfjs; per loop it keeps `Z_t`,
 * `S_t = Z_t M Z_tᵀ`, `R_t = Q Z_t` and `S_t R_t`, then runs the recursion of spec c.5 backwards.
 */
import { assertOneOf, DescentError, gramRows, type Matrix64, matmul, matrix64 } from "@descent/core-tensor";
import { embedResidual, embedWeightToken } from "./embedding.js";
import { type LsaWeights, maskDiagonal, type ResidualSign } from "./lsa.js";
import type { RegressionPrompt } from "./prompt.js";

/**
 * The two tasks of the paper (spec b): `"prediction"` reads `ŷ_T` from construction A's embedding
 * (loss `(ŷ_T − y_q)²`), `"vector"` reads `ŵ_T` from construction C's weight token (loss `‖ŵ_T − w*‖²`).
 */
export type LsaTask = "prediction" | "vector";

/** Embedding width D of a task: `d+1` (construction A) or `2d+2` (construction C). */
export function embeddingWidth(task: LsaTask, d: number): number {
  return task === "prediction" ? d + 1 : 2 * d + 2;
}

/** Residual sign of a task's construction: −1 for A (eq. (1)), +1 for C (spec c.3). */
export function taskSign(task: LsaTask): ResidualSign {
  return task === "prediction" ? -1 : 1;
}

/** The task's input embedding of a prompt (weights start at `w_0 = 0` for vector generation). */
export function embedForTask(task: LsaTask, p: RegressionPrompt): Matrix64 {
  return task === "prediction" ? embedResidual(p) : embedWeightToken(p);
}

/** Batch-mean loss and its gradient with respect to every layer's `P` and `Q`. */
export interface LsaLossGradient {
  /** Mean over the batch of the per-prompt loss. */
  loss: number;
  /** `∂loss/∂P_t`, one entry per distinct layer (one for a looped model). */
  gradP: Matrix64[];
  /** `∂loss/∂Q_t`, one entry per distinct layer. */
  gradQ: Matrix64[];
}

function addInto(acc: Matrix64, M: Matrix64): void {
  for (let i = 0; i < acc.data.length; i++) acc.data[i] = (acc.data[i] as number) + (M.data[i] as number);
}

/**
 * Mean loss over `prompts` and its exact gradient by the manual backward pass of spec c.5:
 * with `H = s·G/n` (s the residual sign), `∂P += H (S R)ᵀ`, `∂S = Pᵀ H Rᵀ`, `∂R = Sᵀ Pᵀ H`,
 * `∂Q += ∂R Zᵀ`, `∂Z_t = G + Qᵀ ∂R + (∂S + ∂Sᵀ) Z M`.
 *
 * @param layers one `(P, Q)` for a looped model (shared by every loop), or exactly `loops` for a stacked one
 * @param loops number of loops T (≥ 1)
 */
export function lsaLossAndGradient(
  layers: readonly LsaWeights[],
  prompts: readonly RegressionPrompt[],
  loops: number,
  task: LsaTask = "prediction",
): LsaLossGradient {
  assertOneOf(task, "task", ["prediction", "vector"] as const);
  if (layers.length !== 1 && layers.length !== loops) {
    throw new DescentError(
      `layers must hold 1 (looped) or loops = ${loops} (stacked) weights, received ${layers.length}`,
      {
        parameter: "layers",
        code: "shape",
      },
    );
  }
  if (prompts.length === 0)
    throw new DescentError("prompts must not be empty", { parameter: "prompts", code: "empty" });
  const first = layers[0] as LsaWeights;
  const D = first.P.rows;
  const gradP = layers.map(() => matrix64(D, D));
  const gradQ = layers.map(() => matrix64(D, D));
  const sign = taskSign(task);
  const B = prompts.length;
  let loss = 0;
  for (const p of prompts) {
    const d = p.X.cols;
    const n = p.X.rows;
    const N = n + 1;
    const mask = maskDiagonal(N);
    const c = sign / n;
    // forward, keeping what the backward pass needs
    const Zs: Matrix64[] = [embedForTask(task, p)];
    const Rs: Matrix64[] = [];
    const Ss: Matrix64[] = [];
    const SRs: Matrix64[] = [];
    for (let t = 0; t < loops; t++) {
      const w = layers[layers.length === 1 ? 0 : t] as LsaWeights;
      const Z = Zs[t] as Matrix64;
      const R = matmul(w.Q, Z);
      const S = gramRows(Z, mask);
      const SR = matmul(S, R);
      const PSR = matmul(w.P, SR);
      const next = matrix64(D, N);
      for (let i = 0; i < next.data.length; i++)
        next.data[i] = (Z.data[i] as number) + c * (PSR.data[i] as number);
      Rs.push(R);
      Ss.push(S);
      SRs.push(SR);
      Zs.push(next);
    }
    // loss and ∂ℓ/∂Z_T (one column is read out)
    const ZT = Zs[loops] as Matrix64;
    let G = matrix64(D, N);
    if (task === "prediction") {
      const err = -(ZT.data[(D - 1) * N + n] as number) - p.yq;
      loss += err * err;
      G.data[(D - 1) * N + n] = (-2 * err) / B;
    } else {
      for (let a = 0; a < d; a++) {
        const err = (ZT.data[(d + 1 + a) * N + n] as number) - (p.wStar[a] as number);
        loss += err * err;
        G.data[(d + 1 + a) * N + n] = (2 * err) / B;
      }
    }
    // backward, spec c.5
    for (let t = loops - 1; t >= 0; t--) {
      const li = layers.length === 1 ? 0 : t;
      const w = layers[li] as LsaWeights;
      const Z = Zs[t] as Matrix64;
      const H = matrix64(
        D,
        N,
        G.data.map((v) => c * v),
      );
      addInto(gradP[li] as Matrix64, matmul(H, SRs[t] as Matrix64, { transB: true }));
      const PtH = matmul(w.P, H, { transA: true });
      const dS = matmul(PtH, Rs[t] as Matrix64, { transB: true });
      const dR = matmul(Ss[t] as Matrix64, PtH, { transA: true });
      addInto(gradQ[li] as Matrix64, matmul(dR, Z, { transB: true }));
      if (t === 0) break; // ∂Z_0 is not needed
      const sym = matrix64(D, D);
      for (let i = 0; i < D; i++) {
        for (let j = 0; j < D; j++)
          sym.data[i * D + j] = (dS.data[i * D + j] as number) + (dS.data[j * D + i] as number);
      }
      const fromS = matmul(sym, Z);
      const fromR = matmul(w.Q, dR, { transA: true });
      const nextG = matrix64(D, N);
      for (let i = 0; i < D; i++) {
        for (let j = 0; j < N; j++) {
          const k = i * N + j;
          nextG.data[k] =
            (G.data[k] as number) + (fromR.data[k] as number) + (j < n ? (fromS.data[k] as number) : 0); // · M
        }
      }
      G = nextG;
    }
  }
  return { loss: loss / B, gradP, gradQ };
}
