/**
 * Experiment E3 of kahler-grassmannian's docs/method.md §9: σ of Donaldson's balanced metric for k = 1..4 across ψ, on a
 * training cloud for the T-iteration and a disjoint validation cloud for σ.
 */
import {
  balancedMetric,
  type PointCloud,
  samplePoints,
  sectionBasis,
  sigma,
} from "@descent/kahler-grassmannian";
import { balancedMetricParallel, createTOperatorPool } from "@descent/kahler-grassmannian/node";

/**
 * Reference values from an independent float64 implementation of the same formulas (σ_FS and balanced
 * σ₂, σ₃ at n_train = 6·10⁴, n_val = 4·10⁴, Monte-Carlo uncertainty ≈ ±0.004; σ₄ at ψ = 0 with
 * n_train = 10⁵–1.5·10⁵; kahler-grassmannian's docs/method.md §9). The DKLR 2006 fit σ_k ≈ 3.1/k² − 4.2/k³ agrees at ψ = 0.
 */
export const REFERENCE_SIGMA: Record<string, Partial<Record<number, number>>> = {
  "0": { 1: 0.373, 2: 0.273, 3: 0.194, 4: 0.132 },
  "0.5": { 1: 0.362, 2: 0.27, 3: 0.2 },
  "1.5": { 1: 0.267, 2: 0.207, 3: 0.165 },
  "3": { 1: 0.16, 2: 0.132, 3: 0.112 },
};

/** One row of the table. */
export interface DonaldsonRow {
  psi: number;
  k: number;
  N: number;
  sigma: number;
  standardError: number;
  sigmaFs: number;
  iterations: number;
  seconds: number;
  reference: number | null;
}

/** Settings of the run. */
export interface DonaldsonTableSettings {
  psis: readonly number[];
  ks: readonly number[];
  nTrain: number;
  nVal: number;
  workers: number;
  seed: number;
  signal: AbortSignal;
  onRow: (row: DonaldsonRow) => void;
}

/** Runs the table: one training and one validation cloud per ψ, a balanced metric per k. */
export async function donaldsonTable(settings: DonaldsonTableSettings): Promise<DonaldsonRow[]> {
  const rows: DonaldsonRow[] = [];
  const pool = settings.workers > 1 ? await createTOperatorPool({ workers: settings.workers }) : undefined;
  try {
    for (const [pi, psi] of settings.psis.entries()) {
      const train: PointCloud = samplePoints({
        psi,
        nPoints: settings.nTrain,
        seed: settings.seed * 1000 + 2 * pi,
      });
      const val: PointCloud = samplePoints({
        psi,
        nPoints: settings.nVal,
        seed: settings.seed * 1000 + 2 * pi + 1,
      });
      const fs = sigma(val, sectionBasis(1), identity(5)).sigma;
      for (const k of settings.ks) {
        if (settings.signal.aborted) throw new Error("aborted");
        const basis = sectionBasis(k);
        const t0 = performance.now();
        const result =
          pool === undefined
            ? balancedMetric(train, basis, { signal: settings.signal })
            : await balancedMetricParallel(train, basis, { pool, signal: settings.signal });
        const s = sigma(val, basis, result.H);
        const row: DonaldsonRow = {
          psi,
          k,
          N: basis.size,
          sigma: s.sigma,
          standardError: s.standardError,
          sigmaFs: fs,
          iterations: result.iterations,
          seconds: (performance.now() - t0) / 1000,
          reference: REFERENCE_SIGMA[String(psi)]?.[k] ?? null,
        };
        rows.push(row);
        settings.onRow(row);
      }
    }
  } finally {
    await pool?.close();
  }
  return rows;
}

function identity(n: number) {
  const re = new Float64Array(n * n);
  for (let i = 0; i < n; i++) re[i * n + i] = 1;
  return { rows: n, cols: n, re, im: new Float64Array(n * n) };
}
