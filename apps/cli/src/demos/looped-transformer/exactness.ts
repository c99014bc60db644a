/**
 * method §e.1: constructions A, B, C and explicit GD agree (float64 to 1e-10; tfjs float32 to 1e-4
 * relative on well-conditioned instances).
 */
import { matrix64, type Rng, tf } from "@descent/core-tensor";
import {
  conditionNumber,
  embedBatchTensor,
  embedResidual,
  embedWeightToken,
  gd,
  gdWeightsResidual,
  gdWeightsWeightToken,
  LoopedLsaLayer,
  loopedForward,
  predictQuery,
  readPrediction,
  readWeights,
  samplePrompt,
  vonOswaldLayer,
  vonOswaldPredictions,
} from "@descent/looped-transformer";
import type { DemoContext } from "../../demo.js";

export interface ExactnessResult {
  holds: boolean;
  maxFloat64: number;
  maxFloat32Rel: number;
}

export async function runExactness(ctx: DemoContext, rng: Rng): Promise<ExactnessResult> {
  const ds = [3, 5, 10];
  const ratios = [1, 2, 4];
  const loopsList = [1, 5, 20];
  const perCell = ctx.quick ? 2 : 4; // 27 cells × 4 ≈ 100 instances (method §e.1)
  const rows: (string | number)[][] = [];
  let maxFloat64 = 0;
  let maxFloat32Rel = 0;
  ctx.progress.start("e.1 exactness", ds.length * ratios.length * loopsList.length);
  for (const d of ds) {
    for (const r of ratios) {
      for (const T of loopsList) {
        let cellMax = 0;
        let cellF32 = 0;
        for (let k = 0; k < perCell; k++) {
          const p = samplePrompt({ d, n: d * r, seed: rng.int(0, 2 ** 31) });
          const { lambdaMax, kappa } = conditionNumber(p.X);
          const eta = 1 / lambdaMax;
          const w = gd(p, { steps: T, eta })[T] as Float64Array;
          const yGd = predictQuery(p, w);
          const yA = readPrediction(loopedForward(embedResidual(p), gdWeightsResidual(d, eta), T).Z);
          const yB = vonOswaldPredictions(p, vonOswaldLayer(d, eta), T)[T] as number;
          const wC = readWeights(
            loopedForward(embedWeightToken(p), gdWeightsWeightToken(d, eta), T, { sign: 1 }).Z,
            d,
          );
          let diff = Math.max(Math.abs(yA - yGd), Math.abs(yB - yGd));
          for (let j = 0; j < d; j++) diff = Math.max(diff, Math.abs((wC[j] as number) - (w[j] as number)));
          cellMax = Math.max(cellMax, diff);
          if (kappa <= 10) {
            // float32 tfjs path on well-conditioned instances (method §e.1, f.8)
            const layer = new LoopedLsaLayer({ d, loops: T });
            const A = matrix64(d, d);
            for (let i = 0; i < d; i++) A.data[i * d + i] = eta;
            layer.setLsaParameters([A]);
            const Z0 = embedBatchTensor([embedResidual(p)]);
            const out = layer.apply(Z0) as tf.Tensor;
            const y32 = -(out.dataSync()[(d + 1) * (d * r + 1) - 1] as number);
            cellF32 = Math.max(cellF32, Math.abs(y32 - yA) / Math.max(1e-12, Math.abs(yA)));
            tf.dispose([Z0, out]);
            layer.dispose();
          }
        }
        maxFloat64 = Math.max(maxFloat64, cellMax);
        maxFloat32Rel = Math.max(maxFloat32Rel, cellF32);
        rows.push([d, d * r, T, cellMax, cellF32]);
        ctx.progress.tick();
      }
    }
  }
  ctx.progress.stop();
  const holds = maxFloat64 < 1e-10 && maxFloat32Rel < 1e-4;
  ctx.report
    .section("e.1 Exactness: one loop = one GD step")
    .text(
      `For ${rows.length * perCell} random Gaussian instances, the looped constructions A (residual read-out), ` +
        "B (von Oswald token form) and C (weight-token read-out) are compared with explicit GD at η = 1/λ_max. " +
        `Max float64 difference: **${maxFloat64.toExponential(2)}** (must be < 1e-10). ` +
        `Max float32 (tfjs LoopedLsaLayer) relative difference on instances with κ ≤ 10: **${maxFloat32Rel.toExponential(2)}** ` +
        `(must be < 1e-4). Must hold: **${holds ? "yes" : "no"}**.`,
    )
    .table(
      ["d", "n", "T", "max |A,B,C − GD| (float64)", "max rel. diff float32 (κ ≤ 10)"],
      rows,
      undefined,
      3,
    );
  ctx.report.data("e1", { rows, maxFloat64, maxFloat32Rel, holds });
  return { holds, maxFloat64, maxFloat32Rel };
}
