/**
 * Experiment E1 of kahler-grassmannian's docs/method.md §9 (reduced): at k = 2 (N = 15) and m = 8, the Fubini–Study metric, full
 * Donaldson, Donaldson on Haar-random subspaces, spectral truncation of the balanced H, Method B (W and h
 * learned jointly), Method A (Donaldson on the subspace, K = 3 unrolled T-steps) and Baseline C (full h
 * learned), with validation σ.
 */
import {
  balancedMetric,
  haarSubspace,
  learnH,
  learnSubspace,
  type PointCloud,
  samplePoints,
  sectionBasis,
  sigma,
  spectralSubspace,
  subspaceBalanced,
} from "@descent/kahler-grassmannian";

/** Results at one ψ. */
export interface SubspaceRow {
  psi: number;
  fs: number;
  donaldson: number;
  spectral: number;
  learnedFullH: number;
  inits: Array<{
    seed: number;
    random: number;
    methodA: number;
    methodB: number;
    curveA: Array<{ step: number; valSigma: number }>;
    curve: Array<{ step: number; valSigma: number }>;
  }>;
}

/** Settings of the run. */
export interface SubspaceSettings {
  psis: readonly number[];
  inits: number;
  steps: number;
  nTrain: number;
  nVal: number;
  m: number;
  validationEvery: number;
  seed: number;
  signal: AbortSignal;
  onRow: (row: SubspaceRow) => void;
}

/** Runs E1 at every ψ. */
export function subspaceLearning(settings: SubspaceSettings): SubspaceRow[] {
  const basis = sectionBasis(2);
  const rows: SubspaceRow[] = [];
  for (const [pi, psi] of settings.psis.entries()) {
    const train: PointCloud = samplePoints({
      psi,
      nPoints: settings.nTrain,
      seed: settings.seed * 1000 + 100 + 2 * pi,
    });
    const val: PointCloud = samplePoints({
      psi,
      nPoints: settings.nVal,
      seed: settings.seed * 1000 + 101 + 2 * pi,
    });
    const identity5 = { rows: 5, cols: 5, re: new Float64Array(25), im: new Float64Array(25) };
    for (let i = 0; i < 5; i++) identity5.re[i * 6] = 1;
    const fs = sigma(val, sectionBasis(1), identity5).sigma;
    const full = balancedMetric(train, basis).H;
    const donaldson = sigma(val, basis, full).sigma;
    const Ws = spectralSubspace(full, settings.m);
    const spectral = sigma(val, basis, { W: Ws, h: subspaceBalanced(train, basis, Ws) }).sigma;
    const c = learnH(train, basis, {
      steps: settings.steps,
      validation: val,
      validationEvery: settings.steps,
      signal: settings.signal,
    });
    const learnedFullH = c.history.at(-1)?.valSigma as number;
    const inits: SubspaceRow["inits"] = [];
    for (let r = 0; r < settings.inits; r++) {
      const seed = settings.seed * 1000 + r;
      const W = haarSubspace(basis.size, settings.m, seed);
      const random = sigma(val, basis, { W, h: subspaceBalanced(train, basis, W) }).sigma;
      const b = learnSubspace(train, basis, {
        method: "B",
        m: settings.m,
        init: W,
        steps: settings.steps,
        validation: val,
        validationEvery: settings.validationEvery,
        signal: settings.signal,
      });
      const a = learnSubspace(train, basis, {
        method: "A",
        m: settings.m,
        init: W,
        steps: settings.steps,
        validation: val,
        validationEvery: settings.validationEvery,
        signal: settings.signal,
      });
      const curveOf = (history: typeof b.history) =>
        history
          .filter((h) => h.valSigma !== undefined)
          .map((h) => ({ step: h.step, valSigma: h.valSigma as number }));
      const curve = curveOf(b.history);
      const curveA = curveOf(a.history);
      inits.push({
        seed,
        random,
        methodA: curveA.at(-1)?.valSigma as number,
        methodB: curve.at(-1)?.valSigma as number,
        curveA,
        curve,
      });
    }
    const row = { psi, fs, donaldson, spectral, learnedFullH, inits };
    rows.push(row);
    settings.onRow(row);
  }
  return rows;
}
