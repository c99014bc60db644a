/**
 * Test-set evaluation with mean and median error (docs/method.md §e.4, pitfall 3: prompt errors are heavy
 * tailed, report both), for trained LSA models and for GD with a fixed step on the same prompts
 * (paired comparison).
 */
import {
  assertInteger,
  assertNonEmpty,
  assertOneOf,
  assertPositive,
  DescentError,
} from "@descent/core-tensor";
import { secondMoment } from "./condition-number.js";
import { readPrediction, readWeights } from "./embedding.js";
import { type LsaWeights, stackedForward } from "./lsa.js";
import { embedForTask, type LsaTask, taskSign } from "./lsa-gradient.js";
import { assertPrompt, type RegressionPrompt } from "./prompt.js";

/** Mean and median of per-prompt squared errors. */
export interface EvaluationResult {
  /** Mean squared error over the prompts. */
  mse: number;
  /** Median of the per-prompt squared errors. */
  median: number;
  /** Per-prompt squared error, `(ŷ − y_q)²` (prediction) or `‖ŵ − w*‖²` (vector). */
  perPrompt: Float64Array;
}

/** Mean and median of an array of errors. */
export function summarizeErrors(perPrompt: Float64Array): EvaluationResult {
  assertNonEmpty(perPrompt, "perPrompt");
  let s = 0;
  for (const v of perPrompt) s += v;
  const sorted = Float64Array.from(perPrompt).sort();
  const m = sorted.length;
  const median =
    m % 2 === 1
      ? (sorted[(m - 1) / 2] as number)
      : ((sorted[m / 2 - 1] as number) + (sorted[m / 2] as number)) / 2;
  return { mse: s / m, median, perPrompt };
}

function assertPrompts(prompts: readonly RegressionPrompt[]): void {
  if (!Array.isArray(prompts) || prompts.length === 0) {
    throw new DescentError("prompts must be a non-empty array of RegressionPrompt", {
      parameter: "prompts",
      code: "empty",
    });
  }
}

/**
 * Evaluates an LSA model (looped: one layer; stacked: `loops` layers) on fixed prompts.
 *
 * @param layers one `(P, Q)` (looped, applied `loops` times) or exactly `loops` layers (stacked)
 */
export function evaluateLsa(
  layers: readonly LsaWeights[],
  prompts: readonly RegressionPrompt[],
  opts: { loops: number; task?: LsaTask },
): EvaluationResult {
  assertPrompts(prompts);
  assertInteger(opts.loops, "loops", { min: 0 });
  const task = opts.task ?? "prediction";
  assertOneOf(task, "task", ["prediction", "vector"] as const);
  if (layers.length !== 1 && layers.length !== opts.loops) {
    throw new DescentError(
      `layers must hold 1 (looped) or loops = ${opts.loops} (stacked) weights, received ${layers.length}`,
      {
        parameter: "layers",
        code: "shape",
      },
    );
  }
  const seq =
    layers.length === 1 ? new Array<LsaWeights>(opts.loops).fill(layers[0] as LsaWeights) : [...layers];
  const per = new Float64Array(prompts.length);
  prompts.forEach((p, i) => {
    const Z = stackedForward(embedForTask(task, p), seq, { sign: taskSign(task) }).Z;
    if (task === "prediction") per[i] = (readPrediction(Z) - p.yq) ** 2;
    else {
      const w = readWeights(Z, p.X.cols);
      let e = 0;
      for (let a = 0; a < w.length; a++) e += ((w[a] as number) - (p.wStar[a] as number)) ** 2;
      per[i] = e;
    }
  });
  return summarizeErrors(per);
}

/**
 * Precomputed `Ŝ = XᵀX/n` and `b = Xᵀy/n` of a prompt set, so that GD with many step sizes costs
 * `O(T d²)` per prompt (used by {@link gdBestStep} and paired evaluations).
 */
export class GdProblemSet {
  readonly d: number;
  readonly count: number;
  private readonly S: Float64Array;
  private readonly b: Float64Array;
  private readonly xq: Float64Array;
  private readonly yq: Float64Array;
  private readonly wStar: Float64Array;

  constructor(prompts: readonly RegressionPrompt[]) {
    assertPrompts(prompts);
    assertPrompt(prompts[0] as RegressionPrompt, "prompts[0]");
    const d = (prompts[0] as RegressionPrompt).X.cols;
    this.d = d;
    this.count = prompts.length;
    this.S = new Float64Array(this.count * d * d);
    this.b = new Float64Array(this.count * d);
    this.xq = new Float64Array(this.count * d);
    this.yq = new Float64Array(this.count);
    this.wStar = new Float64Array(this.count * d);
    prompts.forEach((p, k) => {
      // the same checks as the LSA path (embedding): a NaN or a short y would otherwise give mse NaN and
      // gdBestStep a made-up step
      assertPrompt(p, `prompts[${k}]`);
      if (p.X.cols !== d) {
        throw new DescentError(`every prompt must have d = ${d}, prompt ${k} has ${p.X.cols}`, {
          parameter: "prompts",
          code: "shape",
        });
      }
      this.S.set(secondMoment(p.X).data, k * d * d);
      const n = p.X.rows;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          this.b[k * d + j] =
            (this.b[k * d + j] as number) + ((p.X.data[i * d + j] as number) * (p.y[i] as number)) / n;
        }
      }
      this.xq.set(p.xq, k * d);
      this.wStar.set(p.wStar, k * d);
      this.yq[k] = p.yq;
    });
  }

  /** Per-prompt squared errors of `loops` GD steps with step `eta` from `w_0 = 0`. */
  errors(loops: number, eta: number, task: LsaTask = "prediction"): Float64Array {
    const d = this.d;
    const out = new Float64Array(this.count);
    const w = new Float64Array(d);
    const g = new Float64Array(d);
    for (let k = 0; k < this.count; k++) {
      w.fill(0);
      const So = k * d * d;
      for (let t = 0; t < loops; t++) {
        for (let a = 0; a < d; a++) {
          let s = -(this.b[k * d + a] as number);
          for (let c = 0; c < d; c++) s += (this.S[So + a * d + c] as number) * (w[c] as number);
          g[a] = s;
        }
        for (let a = 0; a < d; a++) w[a] = (w[a] as number) - eta * (g[a] as number);
      }
      if (task === "prediction") {
        let y = 0;
        for (let a = 0; a < d; a++) y += (this.xq[k * d + a] as number) * (w[a] as number);
        out[k] = (y - (this.yq[k] as number)) ** 2;
      } else {
        let e = 0;
        for (let a = 0; a < d; a++) e += ((w[a] as number) - (this.wStar[k * d + a] as number)) ** 2;
        out[k] = e;
      }
    }
    return out;
  }
}

/** Evaluates `loops` GD steps with step `eta` on the prompts (the paired baseline of docs/method.md §e.4). */
export function evaluateGd(
  prompts: readonly RegressionPrompt[] | GdProblemSet,
  opts: { loops: number; eta: number; task?: LsaTask },
): EvaluationResult {
  assertInteger(opts.loops, "loops", { min: 0 });
  assertPositive(opts.eta, "eta");
  const task = opts.task ?? "prediction";
  assertOneOf(task, "task", ["prediction", "vector"] as const);
  const set = prompts instanceof GdProblemSet ? prompts : new GdProblemSet(prompts);
  return summarizeErrors(set.errors(opts.loops, opts.eta, task));
}
