/**
 * Loss and hand-written backward pass of the looped (or stacked) LSA model over a batch of prompts, in
 * float64 (docs/method.md §c.5). This is the training hot path: no autodiff, no tfjs; per loop it keeps `Z_t`,
 * `S_t = Z_t M Z_tᵀ`, `R_t = Q Z_t` and `S_t R_t`, then runs the recursion of docs/method.md §c.5 backwards.
 */
import { assertOneOf, axpy, DescentError, type Matrix64, matmul, matrix64 } from "@descent/core-tensor";
import { embedResidual, embedWeightToken } from "./embedding.js";
import type { LsaWeights, ResidualSign } from "./lsa.js";
import type { RegressionPrompt } from "./prompt.js";

/**
 * The two tasks of the paper (docs/method.md §b): `"prediction"` reads `ŷ_T` from construction A's embedding
 * (loss `(ŷ_T − y_q)²`), `"vector"` reads `ŵ_T` from construction C's weight token (loss `‖ŵ_T − w*‖²`).
 */
export type LsaTask = "prediction" | "vector";

/** Embedding width D of a task: `d+1` (construction A) or `2d+2` (construction C). */
export function embeddingWidth(task: LsaTask, d: number): number {
  return task === "prediction" ? d + 1 : 2 * d + 2;
}

/** Residual sign of a task's construction: −1 for A (eq. (1)), +1 for C (docs/method.md §c.3). */
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

/**
 * Per-prompt products over the batch, in one pass: for every prompt b, rows `j < rows` of block b of
 * `X` (`B·N × D`, token rows) times the b-th `D × D` block of `S`, written to `out` (rows ≥ `rows` of
 * each block are left as they are). Our choice: at D = d + 1 = 6 the packing of the general GEMM costs
 * more than these 21×6·6×6 products, so the B products run in this one loop, while every product with
 * the shared P, Q (and the weight gradients) is one core-tensor `matmul` over the whole batch.
 */
function timesPromptBlocks(
  X: Float64Array,
  S: Float64Array,
  B: number,
  N: number,
  D: number,
  rows: number,
  out: Float64Array,
): void {
  const DD = D * D;
  for (let b = 0; b < B; b++) {
    const sOff = b * DD;
    for (let j = 0; j < rows; j++) {
      const r = (b * N + j) * D;
      for (let l = 0; l < D; l++) {
        let acc = 0;
        for (let k = 0; k < D; k++) acc += (X[r + k] as number) * (S[sOff + k * D + l] as number);
        out[r + l] = acc;
      }
    }
  }
}

/** For every prompt b: `Σ_{j < rows} U_b[j]ᵀ V_b[j]` (a `D × D` block of `out`, `B·D·D` long). */
function promptBlockInner(
  U: Float64Array,
  V: Float64Array,
  B: number,
  N: number,
  D: number,
  rows: number,
  out: Float64Array,
): void {
  const DD = D * D;
  out.fill(0);
  for (let b = 0; b < B; b++) {
    const sOff = b * DD;
    for (let j = 0; j < rows; j++) {
      const r = (b * N + j) * D;
      for (let i = 0; i < D; i++) {
        const u = U[r + i] as number;
        if (u === 0) continue;
        const o = sOff + i * D;
        for (let k = 0; k < D; k++) out[o + k] = (out[o + k] as number) + u * (V[r + k] as number);
      }
    }
  }
}

/**
 * Mean loss over `prompts` and its exact gradient by the manual backward pass of docs/method.md §c.5:
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
    promptBlockInner(Y.data, Y.data, B, N, D, n, S); // S_b = Z_b M Z_bᵀ (M drops the query token)
    const SRt = matrix64(BN, D);
    timesPromptBlocks(Rt.data, S, B, N, D, N, SRt.data); // (S_b R_b)ᵀ = R_bᵀ S_b, S_b symmetric
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
  // backward, docs/method.md §c.5, transposed: Hᵀ = c·Gᵀ; ∂P += Σ H_b (S_b R_b)ᵀ; (PᵀH)ᵀ = Hᵀ P; ∂S_b = PᵀH_b R_bᵀ;
  // (∂R_b)ᵀ = (PᵀH_b)ᵀ S_b; ∂Q += Σ ∂R_b Z_bᵀ; ∂Z_bᵀ = G_bᵀ + ∂R_bᵀ Q + M Z_bᵀ (∂S_b + ∂S_bᵀ)
  const dS = new Float64Array(B * D * D);
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
    axpy(1, matmul(Ht, SRts[t] as Matrix64, { transA: true }).data, (gradP[li] as Matrix64).data);
    const PtHt = matmul(Ht, w.P);
    const dRt = matrix64(BN, D);
    timesPromptBlocks(PtHt.data, S, B, N, D, N, dRt.data); // (∂R_b)ᵀ = (PᵀH_b)ᵀ S_b
    const fromS = t === 0 ? null : matrix64(BN, D);
    if (fromS !== null) {
      promptBlockInner(PtHt.data, Rt.data, B, N, D, N, dS); // ∂S_b = PᵀH_b R_bᵀ
      for (let b = 0; b < B; b++) {
        const o = b * D * D;
        for (let i = 0; i < D; i++) {
          for (let k = i; k < D; k++) {
            const v = (dS[o + i * D + k] as number) + (dS[o + k * D + i] as number);
            dS[o + i * D + k] = v;
            dS[o + k * D + i] = v;
          }
        }
      }
      timesPromptBlocks(Y.data, dS, B, N, D, n, fromS.data); // Z_b M (∂S_b + ∂S_bᵀ): M drops the last token
    }
    axpy(1, matmul(dRt, Y, { transA: true }).data, (gradQ[li] as Matrix64).data);
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
