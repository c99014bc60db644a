/**
 * What each page's default run must plot, checked on the data inside its vega views: which plots and data
 * sets to read, and the properties that data must have. A new page adds an entry here.
 */
import { expect } from "vitest";

export type PlotData = Record<string, Record<string, Record<string, unknown>[]>>;

export interface PageCheck {
  /** plot name → data set names to read from its vega view. */
  plots: Record<string, readonly string[]>;
  /** Whether the page computes with tfjs (used by the backend test). */
  usesTfjs: boolean;
  assert(data: PlotData): void;
}

const num = (v: unknown) => v as number;
const rows = (data: PlotData, plot: string, dataset: string) => data[plot]?.[dataset] ?? [];

export const pageChecks: Record<string, PageCheck> = {
  sabo: {
    plots: { "sabo-landscape": ["landscape", "paths", "ellipses", "samples"], "sabo-values": ["values"] },
    usesTfjs: false,
    assert(data) {
      // a 50×50 grid whose minimum is the sharp well (depth 1 at (−1, −1): F ≈ −1)
      const landscape = rows(data, "sabo-landscape", "landscape");
      expect(landscape).toHaveLength(50 * 50);
      expect(Math.min(...landscape.map((r) => num(r.f)))).toBeLessThan(-0.95);
      // three methods, each with a mean path of 1 + iterations points
      const paths = rows(data, "sabo-landscape", "paths");
      const methods = new Set(paths.map((r) => r.method));
      expect(methods.size).toBe(3);
      expect(paths).toHaveLength(3 * 121);
      // ellipses only for SABO and INGO (two rings of 49 points each)
      expect(rows(data, "sabo-landscape", "ellipses")).toHaveLength(2 * 2 * 49);
      const values = rows(data, "sabo-values", "values");
      expect(values).toHaveLength(3 * 121 * 2);
      for (const v of values) expect(Number.isFinite(num(v.value))).toBe(true);
      // the paper's claim in miniature (seed 0, ρ = 0.2): SABO's mean ends in the flat well of both coordinates,
      // INGO's keeps a sharp coordinate, so SABO pays on F_train (whether it wins on F_test depends on the
      // seed's shift ξ: with seed 0 the sharp well INGO found is barely moved)
      const final = (method: string, objective: string) =>
        num(
          values.find(
            (v) => String(v.method).startsWith(method) && v.objective === objective && v.iteration === 120,
          )?.value,
        );
      const saboEnd = paths.find((r) => String(r.method).startsWith("SABO") && r.iteration === 120);
      expect(num(saboEnd?.x)).toBeGreaterThan(0);
      expect(num(saboEnd?.y)).toBeGreaterThan(0);
      expect(final("SABO", "F_train")).toBeGreaterThan(final("INGO", "F_train"));
    },
  },
  "adversarial-linear": {
    plots: { "adversarial-path": ["path"], "adversarial-race": ["race"] },
    usesTfjs: false,
    assert(data) {
      // 2 attack norms × 30 radii × 8 coefficients
      const path = rows(data, "adversarial-path", "path");
      expect(path).toHaveLength(2 * 30 * 8);
      for (const attack of ["ℓ∞", "ℓ2"]) {
        const mine = path.filter((r) => r.attack === attack);
        const at = (rel: number) =>
          mine.filter((r) => Math.abs(num(r.relativeDelta) - rel) < 1e-12).map((r) => Math.abs(num(r.value)));
        // β̂ = 0 in closed form at δ_zero; least squares at δ = 0 (three true non-zeros of size ~ 1/√3)
        expect(at(1)).toHaveLength(8);
        expect(Math.max(...at(1))).toBeLessThan(1e-6);
        expect(Math.max(...at(0))).toBeGreaterThan(0.1);
      }
      // the race: the three ℓ∞ IRR solvers and subgradient descent; the Cholesky IRR ends at the best risk
      const race = rows(data, "adversarial-race", "race");
      expect(new Set(race.map((r) => r.solver))).toEqual(
        new Set(["irr-cholesky", "irr-cg", "irr-sqlasso", "subgradient"]),
      );
      const cholesky = race.filter((r) => r.solver === "irr-cholesky");
      expect(num(cholesky.at(-1)?.suboptimality)).toBeLessThan(1e-6);
    },
  },
  "looped-transformer": {
    plots: { "looped-error": ["errors"], "looped-loss": ["loss"] },
    usesTfjs: false,
    assert(data) {
      const errors = rows(data, "looped-error", "errors");
      // T = 1, 2, 4 for the transformer and for GD
      expect(errors).toHaveLength(6);
      const mse = (model: string) =>
        errors
          .filter((r) => r.model === model)
          .sort((a, b) => num(a.loops) - num(b.loops))
          .map((r) => num(r.mse));
      const lsa = mse("looped transformer");
      const gd = mse("GD, best step");
      // more loops, smaller error, for both (docs/method.md §e.4's monotonicity in T)
      for (const m of [lsa, gd])
        for (let i = 1; i < m.length; i++) expect(m[i]).toBeLessThan(m[i - 1] as number);
      // the trained model matches best-step GD within 15 % at every T (the package's §e.4 criterion)
      for (let i = 0; i < lsa.length; i++) expect(lsa[i]).toBeLessThan(1.15 * (gd[i] as number));
      // a loss curve per model: step 1 and every 10th of 300 steps
      expect(rows(data, "looped-loss", "loss")).toHaveLength(3 * 31);
    },
  },
  "fl-rach": {
    plots: { "fl-rach-frames": ["slots"], "fl-rach-accuracy": ["accuracy"], "fl-rach-aog": ["scores"] },
    usesTfjs: true,
    assert(data) {
      // AoG's 25 frames of 5 slots; every slot outcome agrees with its transmitters
      const slots = rows(data, "fl-rach-frames", "slots");
      expect(slots).toHaveLength(25 * 5);
      for (const s of slots) {
        const count = String(s.label).split(" ").filter(Boolean).length;
        expect(s.outcome).toBe(count === 0 ? "idle" : count === 1 ? "success" : "collision");
      }
      // accuracy after frames 0..25 for each of the four policies
      const accuracy = rows(data, "fl-rach-accuracy", "accuracy");
      expect(accuracy).toHaveLength(4 * 26);
      for (const policy of new Set(accuracy.map((r) => r.policy))) {
        const curve = accuracy.filter((r) => r.policy === policy);
        const first = num(curve.find((r) => r.frame === 0)?.accuracy);
        const last = num(curve.find((r) => r.frame === 25)?.accuracy);
        // ten classes: the untrained model is near chance, training helps
        expect(first).toBeLessThan(0.35);
        expect(last).toBeGreaterThan(first + 0.1);
      }
      // one AoG score per user
      expect(rows(data, "fl-rach-aog", "scores")).toHaveLength(10);
    },
  },
  "rl-agents": {
    plots: { "lrrl-probabilities": ["probs"], "lrrl-returns": ["episodes"] },
    usesTfjs: false,
    assert(data) {
      // uniform start plus one row per arm for each of the 4000 / 500 = 8 rounds; each round sums to one
      const probs = rows(data, "lrrl-probabilities", "probs");
      expect(probs).toHaveLength(5 * 9);
      for (const step of new Set(probs.map((r) => r.step))) {
        const total = probs.filter((r) => r.step === step).reduce((s, r) => s + num(r.p), 0);
        expect(total).toBeCloseTo(1, 9);
      }
      // the bandit moved away from uniform
      const last = probs.filter((r) => r.step === Math.max(...probs.map((x) => num(x.step))));
      expect(Math.max(...last.map((r) => num(r.p)))).toBeGreaterThan(0.2 + 1e-3);
      // CartPole returns are episode lengths in [1, 500], and they sum to at most the steps taken
      const episodes = rows(data, "lrrl-returns", "episodes");
      expect(episodes.length).toBeGreaterThan(5);
      for (const e of episodes) expect(num(e.return)).toBeGreaterThanOrEqual(1);
      expect(episodes.reduce((s, e) => s + num(e.return), 0)).toBeLessThanOrEqual(4000);
    },
  },
  "kahler-grassmannian": {
    plots: { "kahler-donaldson": ["donaldson"], "kahler-learn": ["learn", "reference"] },
    usesTfjs: false,
    assert(data) {
      // balanced metrics at k = 1, 2, 3 with N_k = 5k(k² + 5)/6 sections; σ falls with k (kahler-grassmannian's docs/method.md §7)
      const donaldson = rows(data, "kahler-donaldson", "donaldson").sort((a, b) => num(a.k) - num(b.k));
      expect(donaldson.map((r) => num(r.k))).toEqual([1, 2, 3]);
      expect(donaldson.map((r) => num(r.sections))).toEqual([5, 15, 35]);
      for (let i = 1; i < donaldson.length; i++)
        expect(num(donaldson[i]?.sigma)).toBeLessThan(num(donaldson[i - 1]?.sigma));
      // k = 1 is Fubini–Study, σ ≈ 0.37 at ψ = 0 (1200 validation points: a loose band)
      expect(num(donaldson[0]?.sigma)).toBeGreaterThan(0.3);
      expect(num(donaldson[0]?.sigma)).toBeLessThan(0.45);
      // Method A: the start (step 0) and 5 steps; the Armijo search only accepts decreases of the training
      // σ̂, and on this seed the validation σ follows; the dashed reference is full Donaldson at k = 2
      const learn = rows(data, "kahler-learn", "learn").sort((a, b) => num(a.step) - num(b.step));
      expect(learn.map((r) => num(r.step))).toEqual([0, 1, 2, 3, 4, 5]);
      for (const r of learn) expect(Number.isFinite(num(r.sigma))).toBe(true);
      expect(num(learn.at(-1)?.sigma)).toBeLessThan(num(learn[0]?.sigma));
      const reference = rows(data, "kahler-learn", "reference");
      expect(reference).toHaveLength(1);
      expect(num(reference[0]?.sigma)).toBeCloseTo(num(donaldson[1]?.sigma), 12);
    },
  },
  "hi-fm": {
    plots: {
      "hi-fm-flow-hifm": ["data", "trails", "particles"],
      "hi-fm-flow-cfm": ["data", "trails", "particles"],
      "hi-fm-nll": ["nll"],
    },
    usesTfjs: false,
    assert(data) {
      // 64 training points, 120 particles × (1 + 20 RK4 steps) on each flow
      const start = new Map<string, Record<string, unknown>[]>();
      for (const plot of ["hi-fm-flow-hifm", "hi-fm-flow-cfm"]) {
        expect(rows(data, plot, "data")).toHaveLength(64);
        const trails = rows(data, plot, "trails");
        expect(trails).toHaveLength(120 * 21);
        start.set(
          plot,
          trails.filter((r) => r.step === 0).sort((a, b) => num(a.id) - num(b.id)),
        );
        // at t = 1 every particle sits within a well's reach of a training point (endpoint kernels are narrow)
        const train = rows(data, plot, "data");
        const particles = rows(data, plot, "particles");
        expect(particles).toHaveLength(120);
        for (const p of particles) {
          const nearest = Math.min(...train.map((q) => Math.hypot(num(p.x) - num(q.x), num(p.y) - num(q.y))));
          expect(nearest).toBeLessThan(2.5);
        }
      }
      // both flows start from the same prior samples
      expect(start.get("hi-fm-flow-hifm")).toEqual(start.get("hi-fm-flow-cfm"));
      // hi-fm's docs/method.md E1 statements (2) and (3): HI-FM's endpoint mixture has the lower test NLL, and neither
      // beats the true density by more than 3 standard errors
      const nll = rows(data, "hi-fm-nll", "nll");
      expect(nll).toHaveLength(3);
      const of = (model: string) => nll.find((r) => r.model === model) ?? {};
      const truth = of("true density");
      expect(num(of("HI-FM").nll)).toBeLessThan(num(of("isotropic CFM").nll));
      for (const model of ["HI-FM", "isotropic CFM"]) {
        const m = of(model);
        const se = Math.hypot(num(m.standardError), num(truth.standardError));
        expect(num(m.nll)).toBeGreaterThan(num(truth.nll) - 3 * se);
      }
    },
  },
  savo: {
    plots: {
      "savo-landscape": ["landscape", "proposals"],
      "savo-history": ["history"],
      "savo-values": ["values"],
    },
    usesTfjs: false,
    assert(data) {
      // the 1-D task on a 121-point grid: rewards in [0, 1], the global bump's peak (height 1) within reach
      const landscape = rows(data, "savo-landscape", "landscape");
      expect(landscape).toHaveLength(121);
      const q = landscape.map((r) => num(r.q));
      expect(Math.min(...q)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...q)).toBeLessThanOrEqual(1);
      expect(Math.max(...q)).toBeGreaterThan(0.9);
      // final proposals: 3 SAVO actors and TD3's one; each agent executes its proposal with the largest Q
      const proposals = rows(data, "savo-landscape", "proposals");
      expect(proposals).toHaveLength(4);
      for (const agent of ["SAVO-3", "TD3 (one actor)"]) {
        const mine = proposals.filter((r) => r.agent === agent);
        const chosen = mine.filter((r) => r.chosen === true);
        expect(chosen).toHaveLength(1);
        expect(num(chosen[0]?.q)).toBe(Math.max(...mine.map((r) => num(r.q))));
        for (const r of mine) expect(Math.abs(num(r.a1))).toBeLessThanOrEqual(1);
      }
      // snapshots at update 0, 10, …, 150 for 3 + 1 actors
      const history = rows(data, "savo-history", "history");
      expect(history).toHaveLength(16 * 4);
      // SAVO's first actor climbs Q alone, as TD3's does: with the same seed the two stay equal all along
      // (later actors never feed back into the first, rl-agents's docs/savo.md)
      const firstActor = (agent: string) =>
        history
          .filter((r) => r.agent === agent && r.actor === 0)
          .sort((a, b) => num(a.step) - num(b.step))
          .map((r) => num(r.a1));
      expect(firstActor("SAVO-3")).toHaveLength(16);
      expect(firstActor("SAVO-3")).toEqual(firstActor("TD3 (one actor)"));
      // seed 0: SAVO's greedy policy is worth more than TD3's on the fixed test states
      const values = rows(data, "savo-values", "values");
      expect(values).toHaveLength(2);
      const value = (agent: string) => num(values.find((r) => r.agent === agent)?.value);
      for (const v of values) expect(num(v.value)).toBeLessThanOrEqual(1 + 1e-12);
      expect(value("SAVO-3")).toBeGreaterThan(value("TD3 (one actor)"));
    },
  },
};
