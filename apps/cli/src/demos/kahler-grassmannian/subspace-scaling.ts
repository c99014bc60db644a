/**
 * Experiment E2 of kahler-grassmannian's docs/method.md §9 (scaling check): at k = 3 (N = 35), subspaces of
 * dimension m ∈ {12, 20} learned by Methods A and B from one Haar-random start per (ψ, m), against the start
 * (Donaldson on the random subspace) and against full Donaldson at k = 3 on the same training points.
 */
import {
  balancedMetric,
  haarSubspace,
  type LearnStep,
  learnSubspace,
  samplePoints,
  sectionBasis,
  sigma,
} from "@descent/kahler-grassmannian";

/** One learned subspace: its start and the two methods' validation curves. */
export interface ScalingRun {
  m: number;
  seed: number;
  /** Validation σ of Donaldson's balanced metric on the Haar-random start (step 0 of both methods). */
  random: number;
  methodA: number;
  methodB: number;
  curveA: Array<{ step: number; valSigma: number }>;
  curveB: Array<{ step: number; valSigma: number }>;
  secondsA: number;
  secondsB: number;
}

/** Results at one ψ. */
export interface ScalingRow {
  psi: number;
  /** Validation σ of the full balanced metric at k = 3 (all 35 sections) on the same training points. */
  donaldson: number;
  runs: ScalingRun[];
}

/** Settings of the run. */
export interface ScalingSettings {
  psis: readonly number[];
  ms: readonly number[];
  steps: number;
  nTrain: number;
  nVal: number;
  validationEvery: number;
  seed: number;
  signal: AbortSignal;
  onRun: (psi: number, run: ScalingRun) => void;
}

const K = 3;

function curveOf(history: readonly LearnStep[]): Array<{ step: number; valSigma: number }> {
  return history
    .filter((h) => h.valSigma !== undefined)
    .map((h) => ({ step: h.step, valSigma: h.valSigma as number }));
}

/** Runs E2 at every ψ and m. */
export function subspaceScaling(settings: ScalingSettings): ScalingRow[] {
  const basis = sectionBasis(K);
  const rows: ScalingRow[] = [];
  for (const [pi, psi] of settings.psis.entries()) {
    // seeds disjoint from E1's (which use seed·1000 + 0..199)
    const train = samplePoints({ psi, nPoints: settings.nTrain, seed: settings.seed * 1000 + 300 + 2 * pi });
    const val = samplePoints({ psi, nPoints: settings.nVal, seed: settings.seed * 1000 + 301 + 2 * pi });
    const full = balancedMetric(train, basis, { signal: settings.signal }).H;
    const donaldson = sigma(val, basis, full).sigma;
    const runs: ScalingRun[] = [];
    for (const [mi, m] of settings.ms.entries()) {
      const seed = settings.seed * 1000 + 400 + 10 * pi + mi;
      const W = haarSubspace(basis.size, m, seed);
      const common = {
        m,
        init: W,
        steps: settings.steps,
        validation: val,
        validationEvery: settings.validationEvery,
        signal: settings.signal,
      };
      let t0 = performance.now();
      const b = learnSubspace(train, basis, { method: "B", ...common });
      const secondsB = (performance.now() - t0) / 1000;
      t0 = performance.now();
      const a = learnSubspace(train, basis, { method: "A", ...common });
      const secondsA = (performance.now() - t0) / 1000;
      const curveA = curveOf(a.history);
      const curveB = curveOf(b.history);
      const run: ScalingRun = {
        m,
        seed,
        // both methods start from h balanced on the random subspace; B's step-0 entry is exactly that metric
        random: curveB[0]?.valSigma as number,
        methodA: curveA.at(-1)?.valSigma as number,
        methodB: curveB.at(-1)?.valSigma as number,
        curveA,
        curveB,
        secondsA,
        secondsB,
      };
      runs.push(run);
      settings.onRun(psi, run);
    }
    rows.push({ psi, donaldson, runs });
  }
  return rows;
}
