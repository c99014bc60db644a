/**
 * Loss and hand-written backward pass of the looped (or stacked) LSA model over a batch of prompts, in
 * float64 (spec c.5). This is the training hot path: no autodiff, no tfjs; per loop it keeps `Z_t`,
 * `S_t = Z_t M Z_tᵀ`, `R_t = Q Z_t` and `S_t R_t`, then runs the recursion of spec c.5 backwards.
 */
import {
  assertOneOf,
  DescentError,
  type Matrix64,
  matmul,
  matrix64,
  weightedGram,
} from "@descent/core-tensor";
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

/** A `rows × cols` view on `data` starting at `offset` (no copy). */
function view(data: Float64Array, offset: number, rows: number, cols: number): Matrix64 {
  return { rows, cols, data: data.subarray(offset, offset + rows * cols) };
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
  const n = (prompts[0] as RegressionPrompt).X.rows;
  for (const p of prompts) {
    if (p.X.rows !== n || embeddingWidth(task, p.X.cols) !== D) {
      throw new DescentError(`every prompt must have n = ${n} examples and embedding width ${D}`, {
        parameter: "prompts",
        code: "shape",
      });
    }
  }
  const gradP = layers.map(() => matrix64(D, D));
  const gradQ = layers.map(() => matrix64(D, D));
  const sign = taskSign(task);
  const B = prompts.length;
  const N = n + 1;
  const BN = B * N;
  const c = sign / n;
  const mask = maskDiagonal(N);
  // Layout: the batch stacked as token rows, Yᵀ = [Z_1ᵀ; …; Z_Bᵀ] ((B·N) × D). Products with the shared
  // P, Q (and the gradients of P, Q) then run as one matmul over the whole batch; only the products
  // with each prompt's own S_b = Z_b M Z_bᵀ run per prompt, on zero-copy row views.
  const Ys: Matrix64[] = [matrix64(BN, D)];
  prompts.forEach((p, b) => {
    const Z = embedForTask(task, p);
    const Y = (Ys[0] as Matrix64).data;
    for (let i = 0; i < D; i++)
      for (let j = 0; j < N; j++) Y[(b * N + j) * D + i] = Z.data[i * N + j] as number;
  });
  const Rts: Matrix64[] = [];
  const Ss: Float64Array[] = [];
  const SRts: Matrix64[] = [];
  for (let t = 0; t < loops; t++) {
    const w = layers[layers.length === 1 ? 0 : t] as LsaWeights;
    const Y = Ys[t] as Matrix64;
    const Rt = matmul(Y, w.Q, { transB: true }); // (Q Z)ᵀ for every prompt at once
    const S = new Float64Array(B * D * D);
    const SRt = matrix64(BN, D);
    for (let b = 0; b < B; b++) {
      const Yb = view(Y.data, b * N * D, N, D);
      const Sb = weightedGram(Yb, mask); // Z_b M Z_bᵀ
      S.set(Sb.data, b * D * D);
      matmul(view(Rt.data, b * N * D, N, D), Sb, { out: view(SRt.data, b * N * D, N, D) }); // (S_b R_b)ᵀ, S_b symmetric
    }
    const upd = matmul(SRt, w.P, { transB: true }); // (P S R)ᵀ
    const next = matrix64(BN, D);
    for (let i = 0; i < next.data.length; i++)
      next.data[i] = (Y.data[i] as number) + c * (upd.data[i] as number);
    Rts.push(Rt);
    Ss.push(S);
    SRts.push(SRt);
    Ys.push(next);
  }
  // loss and ∂ℓ/∂Z_T (one column of each prompt is read out), stored transposed like Y
  const YT = (Ys[loops] as Matrix64).data;
  let Gt = matrix64(BN, D);
  let loss = 0;
  prompts.forEach((p, b) => {
    const q = (b * N + n) * D; // the last token's row
    if (task === "prediction") {
      const err = -(YT[q + D - 1] as number) - p.yq;
      loss += err * err;
      Gt.data[q + D - 1] = (-2 * err) / B;
    } else {
      const d = p.X.cols;
      for (let a = 0; a < d; a++) {
        const err = (YT[q + d + 1 + a] as number) - (p.wStar[a] as number);
        loss += err * err;
        Gt.data[q + d + 1 + a] = (2 * err) / B;
      }
    }
  });
  // backward, spec c.5, transposed: Hᵀ = c·Gᵀ; ∂P += Σ H_b (S_b R_b)ᵀ; (PᵀH)ᵀ = Hᵀ P; ∂S_b = PᵀH_b R_bᵀ;
  // (∂R_b)ᵀ = (PᵀH_b)ᵀ S_b; ∂Q += Σ ∂R_b Z_bᵀ; ∂Z_bᵀ = G_bᵀ + ∂R_bᵀ Q + M Z_bᵀ (∂S_b + ∂S_bᵀ)
  const sym = matrix64(D, D);
  for (let t = loops - 1; t >= 0; t--) {
    const li = layers.length === 1 ? 0 : t;
    const w = layers[li] as LsaWeights;
    const Y = Ys[t] as Matrix64;
    const Rt = Rts[t] as Matrix64;
    const S = Ss[t] as Float64Array;
    const Ht = matrix64(
      BN,
      D,
      Gt.data.map((v) => c * v),
    );
    addInto(gradP[li] as Matrix64, matmul(Ht, SRts[t] as Matrix64, { transA: true }));
    const PtHt = matmul(Ht, w.P);
    const dRt = matrix64(BN, D);
    const fromS = t === 0 ? null : matrix64(BN, D);
    for (let b = 0; b < B; b++) {
      const off = b * N * D;
      const PtHb = view(PtHt.data, off, N, D);
      const Sb = view(S, b * D * D, D, D);
      matmul(PtHb, Sb, { out: view(dRt.data, off, N, D) });
      if (fromS !== null) {
        const dS = matmul(PtHb, view(Rt.data, off, N, D), { transA: true });
        for (let i = 0; i < D; i++) {
          for (let j = 0; j < D; j++)
            sym.data[i * D + j] = (dS.data[i * D + j] as number) + (dS.data[j * D + i] as number);
        }
        matmul(view(Y.data, off, n, D), sym, { out: view(fromS.data, off, n, D) }); // the mask M drops the last token
      }
    }
    addInto(gradQ[li] as Matrix64, matmul(dRt, Y, { transA: true }));
    if (fromS === null) break; // ∂Z_0 is not needed
    const fromR = matmul(dRt, w.Q);
    const next = matrix64(BN, D);
    for (let i = 0; i < next.data.length; i++) {
      next.data[i] = (Gt.data[i] as number) + (fromR.data[i] as number) + (fromS.data[i] as number);
    }
    Gt = next;
  }
  return { loss: loss / B, gradP, gradQ };
}
