/**
 * One SABO iteration (diagonal covariance, the package defaults: N = 20, ρ = ½√d, β = 1/√d, Fisher-form
 * perturbation clipped at 0.5, standardised fitness) on the sphere at d = 100 and d = 1000, against the
 * same iteration in numpy (`peers/sabo_step.py`, `pnpm bench:peers sabo`). The peer's first iteration
 * uses the points the TS optimiser drew (sent over), so the check — Σ mean + Σ variance after the first
 * iteration — compares the same arithmetic; later iterations draw their own normals on each side.
 */
import { f64, type PeerCase, type PeerSuite } from "../../../tooling/bench-peers/suite.js";
import { Sabo } from "../src/index.js";

const sphere = (x: Float64Array) => {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += (x[j] as number) ** 2;
  return s;
};

function saboCase(d: number): PeerCase {
  let firstPoints: Float64Array[] = [];
  return {
    name: `SABO iteration (diagonal), d=${d}, N=20`,
    peer: "numpy",
    pyCase: "sabo_iteration",
    params: () => ({
      d,
      n: 20,
      ascent: f64(concat(firstPoints.slice(0, 20))),
      descent: f64(concat(firstPoints.slice(20))),
    }),
    rtol: 1e-9,
    prepare: () => {
      const opt = new Sabo({ dim: d, seed: 1 });
      let first = true;
      return () => {
        const it = opt.iteration;
        while (opt.iteration === it) {
          const { points } = opt.ask();
          if (first) firstPoints.push(...points.map((p) => Float64Array.from(p)));
          opt.tell(points.map(sphere));
        }
        if (!first) return Number.NaN;
        first = false;
        const s = opt.state;
        return s.mean.reduce((a, v) => a + v, 0) + s.variance.reduce((a, v) => a + v, 0);
      };
    },
    dispose: () => {
      firstPoints = [];
    },
  };
}

function concat(rows: Float64Array[]): Float64Array {
  const out = new Float64Array(rows.reduce((a, r) => a + r.length, 0));
  let o = 0;
  for (const r of rows) {
    out.set(r, o);
    o += r.length;
  }
  return out;
}

export const suite: PeerSuite = {
  script: "peers/sabo_step.py",
  init: async () => "plain-TS float64, 1 thread",
  cases: () => [100, 1000].map(saboCase),
};
