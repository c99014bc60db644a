/**
 * The non-stationary Exp3-style bandit of LRRL (docs/method.md §B.c): softmax probabilities over arm weights,
 * one sampled arm per round, feedback turned into an improvement f'_n = f_n − mean(last j feedbacks),
 * and the time-decayed update w_{n+1}(k) = δ·w_n(k) + 1{k = k_n}·α·f'_n / exp(w_n(k)).
 * Runs in float64 on plain numbers (docs/method.md §B.h) with its own `Rng` (so it never consumes the agent's draws).
 */
import {
  assertAllFinite,
  assertFiniteNumber,
  assertInRange,
  assertInteger,
  assertNonNegative,
  DescentError,
  Rng,
} from "@descent/core-tensor";

/** Options of the bandit (docs/method.md §B.g `LrBanditOptions`; defaults are the project's, docs/method.md §B.c). */
export interface LrBanditOptions {
  /** Candidate values (learning rates), one per arm. */
  arms: readonly number[];
  /**
   * Bandit step size α = 0.2 (docs/method.md §B.c: a [project] default; an independent re-implementation attributes
   * 0.2 to the paper, whose v1 reports none).
   */
  alpha?: number;
  /** Weight decay factor δ = 0.9 (docs/method.md §B.c [project] default), in (0, 1]. */
  decay?: number;
  /** Window j = 5 of previous feedbacks the improvement is measured against (docs/method.md §B.c [project] default). */
  window?: number;
  /**
   * `'paper'` (default): divide the chosen arm's increment by exp(w_n(k)) as the paper does;
   * `'probability'`: standard Exp3, divide by p_n(k) (needs a much smaller α, docs/method.md §B.h).
   */
  weighting?: "paper" | "probability";
  /**
   * `'runningStd'` divides f'_n by the running standard deviation of the feedbacks; default `'none'`
   * (docs/method.md §B.c [project], B.h: α is scale-dependent).
   */
  normalize?: "none" | "runningStd";
  /**
   * Which weights decay by δ each round: `'all'` (default; docs/method.md §B.c [project], a time-decayed Exp3) or
   * `'chosen'` (only the sampled arm's weight decays; the unchosen ones keep their value).
   */
  decayScope?: "all" | "chosen";
  /**
   * The baseline b_1 of the first round, when there is no history yet: `'feedback'` (default; docs/method.md §B.c,
   * our choice: b_1 = f_1, so f'_1 = 0) or `'zero'` (b_1 = 0, so f'_1 = f_1).
   */
  firstBaseline?: "feedback" | "zero";
  /** The bandit's own stream; default `new Rng(seed ?? 0)`. */
  rng?: Rng;
  /** Seed of the bandit's stream when `rng` is not given. */
  seed?: number;
}

/** A snapshot of the bandit (docs/method.md §B.g `state()`). */
export interface BanditState {
  round: number;
  weights: number[];
  probs: number[];
  history: number[];
}

/** Validates bandit options (shared with the RL wrapper). */
export function validateBanditOptions(opts: LrBanditOptions): void {
  if (opts === null || typeof opts !== "object") {
    throw new DescentError("options must be an object with arms", { parameter: "options" });
  }
  if (!Array.isArray(opts.arms) || opts.arms.length === 0) {
    throw new DescentError(`arms must be a non-empty array, received ${String(opts.arms)}`, {
      parameter: "arms",
      code: "empty",
    });
  }
  assertAllFinite(opts.arms, "arms");
  if (opts.alpha !== undefined) assertNonNegative(opts.alpha, "alpha");
  if (opts.decay !== undefined) assertInRange(opts.decay, "decay", { min: 0, max: 1, exclusiveMin: true });
  if (opts.window !== undefined) assertInteger(opts.window, "window", { min: 1 });
  if (opts.weighting !== undefined && opts.weighting !== "paper" && opts.weighting !== "probability") {
    throw new DescentError(`weighting must be 'paper' or 'probability', received ${String(opts.weighting)}`, {
      parameter: "weighting",
    });
  }
  if (opts.decayScope !== undefined && opts.decayScope !== "all" && opts.decayScope !== "chosen") {
    throw new DescentError(`decayScope must be 'all' or 'chosen', received ${String(opts.decayScope)}`, {
      parameter: "decayScope",
    });
  }
  if (
    opts.firstBaseline !== undefined &&
    opts.firstBaseline !== "feedback" &&
    opts.firstBaseline !== "zero"
  ) {
    throw new DescentError(
      `firstBaseline must be 'feedback' or 'zero', received ${String(opts.firstBaseline)}`,
      {
        parameter: "firstBaseline",
      },
    );
  }
  if (opts.normalize !== undefined && opts.normalize !== "none" && opts.normalize !== "runningStd") {
    throw new DescentError(`normalize must be 'none' or 'runningStd', received ${String(opts.normalize)}`, {
      parameter: "normalize",
    });
  }
}

/** The time-decayed Exp3 bandit of LRRL (docs/method.md §B.c). */
export class TimeDecayedExp3 {
  readonly arms: readonly number[];
  readonly alpha: number;
  readonly decay: number;
  readonly window: number;
  readonly weighting: "paper" | "probability";
  readonly normalize: "none" | "runningStd";
  readonly decayScope: "all" | "chosen";
  readonly firstBaseline: "feedback" | "zero";
  private readonly w: Float64Array;
  private readonly p: Float64Array;
  private readonly rng: Rng;
  private readonly history: number[] = [];
  private forced: number | null = null;
  private current: number | null = null;
  private round = 0;
  // Welford running moments of the feedbacks (normalize: 'runningStd')
  private fCount = 0;
  private fMean = 0;
  private fM2 = 0;

  constructor(opts: LrBanditOptions) {
    validateBanditOptions(opts);
    this.arms = [...opts.arms];
    this.alpha = opts.alpha ?? 0.2;
    this.decay = opts.decay ?? 0.9;
    this.window = opts.window ?? 5;
    this.weighting = opts.weighting ?? "paper";
    this.normalize = opts.normalize ?? "none";
    this.decayScope = opts.decayScope ?? "all";
    this.firstBaseline = opts.firstBaseline ?? "feedback";
    this.rng = opts.rng ?? new Rng(opts.seed ?? 0);
    this.w = new Float64Array(this.arms.length); // w_1 = 0: uniform p_1
    this.p = new Float64Array(this.arms.length);
    this.refreshProbabilities();
  }

  /** Current arm probabilities p_n (a copy). */
  get probabilities(): Float64Array {
    return Float64Array.from(this.p);
  }

  /** Current arm weights w_n (a copy). */
  get weights(): Float64Array {
    return Float64Array.from(this.w);
  }

  /** The arm chosen for the current round, or null before the first {@link selectArm}. */
  get currentArm(): number | null {
    return this.current;
  }

  /** Number of completed rounds. */
  get rounds(): number {
    return this.round;
  }

  /** Samples k_n ~ Categorical(p_n) (or takes the forced arm) and remembers it. */
  selectArm(): number {
    if (this.forced !== null) {
      this.current = this.forced;
      this.forced = null;
    } else {
      this.current = this.rng.categorical(this.p);
    }
    return this.current;
  }

  /** Testing hook (docs/method.md §B.f-1): the next {@link selectArm} returns arm `k` without drawing. */
  forceArm(k: number): void {
    assertInteger(k, "k", { min: 0, max: this.arms.length - 1 });
    this.forced = k;
  }

  /** Feeds f_n for the current round: computes f'_n and updates the weights (docs/method.md §B.c). */
  update(feedback: number): void {
    assertFiniteNumber(feedback, "feedback");
    const k = this.current;
    if (k === null) {
      throw new DescentError("update called before selectArm: no arm is active this round", {
        parameter: "feedback",
        code: "state",
      });
    }
    const h = this.history;
    // b_n = mean of the last j feedbacks; in round 1 f_n itself (docs/method.md §B.c [project]: f'_1 = 0) or 0
    let baseline = this.firstBaseline === "feedback" ? feedback : 0;
    if (h.length > 0) {
      const start = Math.max(0, h.length - this.window);
      let s = 0;
      for (let i = start; i < h.length; i++) s += h[i] as number;
      baseline = s / (h.length - start);
    }
    let improvement = feedback - baseline;
    this.fCount += 1;
    const d = feedback - this.fMean;
    this.fMean += d / this.fCount;
    this.fM2 += d * (feedback - this.fMean);
    if (this.normalize === "runningStd" && this.fCount > 1) {
      const std = Math.sqrt(this.fM2 / (this.fCount - 1));
      if (std > 0) improvement /= std;
    }
    const wk = this.w[k] as number;
    const denom = this.weighting === "paper" ? Math.exp(wk) : (this.p[k] as number);
    // a zero improvement adds nothing even when exp(w) has underflowed to 0 (0/0 would poison w with NaN)
    const increment = improvement === 0 ? 0 : (this.alpha * improvement) / denom;
    // docs/method.md §B.c: w_{n+1}(k) = δ·w_n(k) + 1{k = k_n}·α·f'_n / exp(w_n(k)) (every arm decays: [project])
    if (this.decayScope === "all") {
      for (let i = 0; i < this.w.length; i++) this.w[i] = this.decay * (this.w[i] as number);
      this.w[k] = clampWeight((this.w[k] as number) + increment);
    } else {
      this.w[k] = clampWeight(this.decay * wk + increment);
    }
    h.push(feedback);
    this.round += 1;
    this.current = null;
    this.refreshProbabilities();
  }

  /** A snapshot: round count, weights, probabilities and feedback history. */
  state(): BanditState {
    return { round: this.round, weights: [...this.w], probs: [...this.p], history: [...this.history] };
  }

  /** p = softmax(w) with max-subtraction (docs/method.md §B.f-4: no overflow for weights up to 1e4). */
  private refreshProbabilities(): void {
    let max = Number.NEGATIVE_INFINITY;
    for (const v of this.w) if (v > max) max = v;
    let z = 0;
    for (let i = 0; i < this.w.length; i++) {
      const e = Math.exp((this.w[i] as number) - max);
      this.p[i] = e;
      z += e;
    }
    for (let i = 0; i < this.p.length; i++) this.p[i] = (this.p[i] as number) / z;
  }
}

/**
 * Keeps a weight finite. The paper's e^{−w} increment (and Exp3's 1/p) can overflow to ±∞ within a round or
 * two when returns are large (docs/method.md §B.h); ±∞ weights would later give ∞ − ∞ = NaN. Clamping at ±Number.MAX_VALUE
 * changes nothing for finite updates and keeps the softmax a distribution.
 */
function clampWeight(w: number): number {
  return Math.min(Math.max(w, -Number.MAX_VALUE), Number.MAX_VALUE);
}
