/**
 * E2 histograms: potential energy and pair distances of LJ13 configurations (test data, samples of each
 * path's endpoint mixture, samples of each trained model). The test data fix the energy window; samples
 * outside it (overlapping particles give huge energies) are counted, not hidden.
 */
import type { Energy, ParticleLayout } from "@descent/hi-fm";

export interface Histogram {
  name: string;
  /** Bin centres. */
  x: number[];
  /** Density (fraction per unit) of the samples inside the window. */
  y: number[];
  /** Fraction of samples outside the window. */
  outside: number;
}

export interface SampleSummary {
  name: string;
  count: number;
  meanEnergy: number;
  medianEnergy: number;
  /** Fraction of configurations with a pair closer than 0.8 r_m (unphysical at β = 4). */
  closePairs: number;
  energyOutside: number;
}

/** A fixed-window histogram as a density over the window. */
export function histogram(
  name: string,
  values: readonly number[],
  lo: number,
  hi: number,
  bins: number,
): Histogram {
  const counts = new Array<number>(bins).fill(0);
  const w = (hi - lo) / bins;
  let outside = 0;
  for (const v of values) {
    const k = Math.floor((v - lo) / w);
    if (!Number.isFinite(v) || k < 0 || k >= bins) outside++;
    else counts[k] = (counts[k] as number) + 1;
  }
  const n = Math.max(values.length, 1);
  return {
    name,
    x: counts.map((_, k) => lo + (k + 0.5) * w),
    y: counts.map((c) => c / (n * w)),
    outside: outside / n,
  };
}

/** All pair distances of each configuration, flattened. */
export function pairDistances(samples: readonly Float64Array[], layout: ParticleLayout): number[] {
  const { nParticles: n, spaceDim: s } = layout;
  const out: number[] = [];
  for (const x of samples)
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        let r2 = 0;
        for (let a = 0; a < s; a++) {
          const d = (x[i * s + a] as number) - (x[j * s + a] as number);
          r2 += d * d;
        }
        out.push(Math.sqrt(r2));
      }
  return out;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.floor(s.length / 2)] as number);
}

/** Energy and pair-distance histograms and a summary for several sample sets. */
export function ljHistograms(
  sets: readonly { name: string; samples: readonly Float64Array[] }[],
  energy: Energy,
  layout: ParticleLayout,
  window: { energy: [number, number]; distance: [number, number] },
  bins = 40,
): { energy: Histogram[]; distance: Histogram[]; summary: SampleSummary[] } {
  const energyH: Histogram[] = [];
  const distH: Histogram[] = [];
  const summary: SampleSummary[] = [];
  const perConfig = (layout.nParticles * (layout.nParticles - 1)) / 2;
  for (const { name, samples } of sets) {
    const e = samples.map((x) => energy.value(x));
    const dist = pairDistances(samples, layout);
    const eh = histogram(name, e, window.energy[0], window.energy[1], bins);
    energyH.push(eh);
    distH.push(histogram(name, dist, window.distance[0], window.distance[1], bins));
    let close = 0;
    for (let c = 0; c < samples.length; c++) {
      let m = Number.POSITIVE_INFINITY;
      for (let k = 0; k < perConfig; k++) m = Math.min(m, dist[c * perConfig + k] as number);
      if (m < 0.8) close++;
    }
    const finite = e.filter((v) => Number.isFinite(v));
    summary.push({
      name,
      count: samples.length,
      meanEnergy: finite.reduce((a, b) => a + b, 0) / Math.max(finite.length, 1),
      medianEnergy: median(e),
      closePairs: close / Math.max(samples.length, 1),
      energyOutside: eh.outside,
    });
  }
  return { energy: energyH, distance: distH, summary };
}
