/**
 * Method B's "factor" variant (docs/method.md §8), a cross-check of the fibre-bundle descent with the same
 * model class: the rank-m h-matrix is H = L·L† with L ∈ C^{N×m} unconstrained, and Adam runs on (Re L, Im L).
 * Since L·L† = W·h·W† with W = L and h = I, the loss gradient with respect to L is the W-gradient of
 * `lossGradient` at (W, h) = (L, I) — the same hand-derived formula, equal to 2·(∇_H L)·L.
 */
import { type CMatrix, cidentity, cmatmul, cmatrix, complexQr } from "@descent/core-tensor";
import { hermitianFunction } from "./grassmann.js";
import type { SubspaceMetric } from "./h-matrix.js";
import { lossGradient, type MetricLoss } from "./loss-gradient.js";
import type { PointCloud } from "./point-cloud.js";
import type { SectionBasis } from "./section-basis.js";
import { sigma } from "./sigma-measure.js";

/** Settings of {@link descendFactor}. */
export interface FactorSettings {
  steps: number;
  loss: MetricLoss;
  learningRate: number;
  validation?: PointCloud;
  validationEvery: number;
  onProgress?: (step: { step: number; trainLoss: number; valSigma?: number }) => void;
  signal?: AbortSignal;
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/** (W, h) with W†W = I and W·h·W† = L·L† (thin QR of L: W = Q, h = R·R†). */
export function factorToSubspace(L: CMatrix): SubspaceMetric {
  const { Q, R } = complexQr(L);
  return { W: Q, h: cmatmul(R, R, { opB: "C" }) };
}

/** Adam on L from L₀ = W·h^{1/2}; returns the history and the final metric as (W, h). */
export function descendFactor(
  train: PointCloud,
  basis: SectionBasis,
  W0: CMatrix,
  h0: CMatrix,
  settings: FactorSettings,
  abort: () => never,
): { metric: SubspaceMetric; history: Array<{ step: number; trainLoss: number; valSigma?: number }> } {
  const m = W0.cols;
  const I = cidentity(m);
  const L = cmatmul(
    W0,
    hermitianFunction(h0, (l) => Math.sqrt(Math.max(l, 0))),
  );
  const size = L.re.length;
  const mom = new Float64Array(2 * size);
  const vel = new Float64Array(2 * size);
  const history: Array<{ step: number; trainLoss: number; valSigma?: number }> = [];
  const record = (step: number, trainLoss: number) => {
    const entry: { step: number; trainLoss: number; valSigma?: number } = { step, trainLoss };
    if (
      settings.validation !== undefined &&
      (step % settings.validationEvery === 0 || step === settings.steps)
    ) {
      entry.valSigma = sigma(settings.validation, basis, { W: L, h: I }).sigma;
    }
    history.push(entry);
    settings.onProgress?.(entry);
  };
  for (let step = 0; step <= settings.steps; step++) {
    if (step > 0 && settings.signal?.aborted) abort();
    const g = lossGradient(train, basis, { W: L, h: I }, settings.loss);
    // the history records the loss at the current L, before its update
    record(step, g.loss);
    if (step === settings.steps) break;
    const b1 = 1 - BETA1 ** (step + 1);
    const b2 = 1 - BETA2 ** (step + 1);
    for (let x = 0; x < 2 * size; x++) {
      const gx = x < size ? (g.gradW.re[x] as number) : (g.gradW.im[x - size] as number);
      mom[x] = BETA1 * (mom[x] as number) + (1 - BETA1) * gx;
      vel[x] = BETA2 * (vel[x] as number) + (1 - BETA2) * gx * gx;
      const d =
        (settings.learningRate * ((mom[x] as number) / b1)) / (Math.sqrt((vel[x] as number) / b2) + EPSILON);
      if (x < size) L.re[x] = (L.re[x] as number) - d;
      else L.im[x - size] = (L.im[x - size] as number) - d;
    }
  }
  return { metric: factorToSubspace(cmatrix(L.rows, L.cols, L.re, L.im)), history };
}
