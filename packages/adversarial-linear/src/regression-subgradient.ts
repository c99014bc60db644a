/**
 * The regression baseline the paper compares IRR against (docs/method.md §c.3, rebuttal figure
 * `paper/7-regression-vs-baseline.py`): plain (sub)gradient descent on `R_reg(β)` with sign subgradients,
 * step `η/√(k+1)` with η = 0.1, 10 000 steps, from a random-normal start.
 */
import {
  assertInteger,
  assertKnownOptions,
  assertPositive,
  DescentError,
  matvec,
  matvecT,
  Rng,
} from "@descent/core-tensor";
import type { AttackNorm, MatrixInput, VectorInput } from "./data-input.js";
import { dualNorm, dualNormMaximiser } from "./dual-norm.js";
import type { IterationHook } from "./iteration-info.js";
import { type RadiusOptions, type RadiusSpec, resolveRadius } from "./radius.js";
import { toRegressionInput } from "./regression-input.js";

/** Options of {@link fitRegressionSubgradient}. */
export interface SubgradientOptions {
  /** Default `'l2'` (as {@link fitAdversarialRegression}). */
  attack?: AttackNorm;
  /** Default `'randn-zero'`. */
  delta?: RadiusSpec;
  radiusOptions?: RadiusOptions;
  /** Number of steps. Default 10 000 (code). */
  steps?: number;
  /** Base step η of `η/√(k+1)`. Default 0.1 (code). */
  stepSize?: number;
  /** Start point: `'normal'` (default, code `torch.randn`) or `'zero'`. */
  init?: "normal" | "zero";
  /** Seed of the random start. Default 0. */
  seed?: number;
  /** Called after every step; return `true` to stop. */
  onIteration?: IterationHook;
  signal?: AbortSignal;
}

/** Result of {@link fitRegressionSubgradient}. */
export interface SubgradientFit {
  /** Final iterate. */
  coef: Float64Array;
  /** Risk at the final iterate. */
  risk: number;
  /** Best iterate seen and its risk (subgradient methods are not monotone). */
  bestCoef: Float64Array;
  bestRisk: number;
  delta: number;
  /** Risk of the iterate before each step k = 0..steps−1 (as the code records it). */
  riskHistory: Float64Array;
}

const SUBGRADIENT_OPTION_KEYS = Object.keys({
  attack: true,
  delta: true,
  radiusOptions: true,
  steps: true,
  stepSize: true,
  init: true,
  seed: true,
  onIteration: true,
  signal: true,
} satisfies Record<keyof SubgradientOptions, true>);

/**
 * Subgradient descent on `(1/n) Σ (|eᵢ| + δ‖β‖_*)²`: gradient `(2/n) Σ Sᵢ(−sign(eᵢ)xᵢ + δu(β))`.
 */
export function fitRegressionSubgradient(
  X: MatrixInput,
  y: VectorInput,
  options: SubgradientOptions = {},
): SubgradientFit {
  assertKnownOptions(options, SUBGRADIENT_OPTION_KEYS);
  const { Xm, yv, attack, deltaOption, radiusOptions } = toRegressionInput(X, y, options);
  const { steps = 10_000, stepSize = 0.1, init = "normal", seed = 0, onIteration, signal } = options;
  assertInteger(steps, "steps", { min: 1 });
  assertPositive(stepSize, "stepSize");
  if (init !== "normal" && init !== "zero") {
    throw new DescentError(`init must be "normal" or "zero", received ${JSON.stringify(init)}`, {
      parameter: "init",
      code: "enum",
    });
  }
  assertInteger(seed, "seed", { min: 0 });
  signal?.throwIfAborted();
  const delta = resolveRadius(deltaOption, Xm, yv, attack, "regression", radiusOptions);
  const n = Xm.rows;
  const p = Xm.cols;
  const beta = init === "normal" ? new Rng(seed).normalArray(p) : new Float64Array(p);
  const u = new Float64Array(p);
  const c = new Float64Array(n);
  const history = new Float64Array(steps);
  let best = beta.slice();
  let bestRisk = Number.POSITIVE_INFINITY;
  let performed = 0;
  for (let k = 0; k < steps; k++) {
    signal?.throwIfAborted();
    const pred = matvec(Xm, beta);
    const pen = delta * dualNorm(beta, attack);
    let risk = 0;
    let sumS = 0;
    for (let i = 0; i < n; i++) {
      const e = (yv[i] as number) - (pred[i] as number);
      const S = Math.abs(e) + pen;
      risk += S * S;
      sumS += S;
      c[i] = (-2 * S * Math.sign(e)) / n;
    }
    risk /= n;
    history[k] = risk;
    if (risk < bestRisk) {
      bestRisk = risk;
      best = beta.slice();
    }
    const gData = matvecT(Xm, c);
    dualNormMaximiser(beta, attack, u);
    const eta = stepSize / Math.sqrt(k + 1);
    let upd = 0;
    for (let j = 0; j < p; j++) {
      const gj = (gData[j] as number) + ((2 * delta * sumS) / n) * (u[j] as number);
      beta[j] = (beta[j] as number) - eta * gj;
      upd += (eta * gj) ** 2;
    }
    performed = k + 1;
    if (onIteration?.({ iteration: k + 1, coef: beta, risk, updateSize: Math.sqrt(upd), step: eta }) === true)
      break;
  }
  const pred = matvec(Xm, beta);
  const pen = delta * dualNorm(beta, attack);
  let risk = 0;
  for (let i = 0; i < n; i++) risk += (Math.abs((yv[i] as number) - (pred[i] as number)) + pen) ** 2;
  risk /= n;
  if (risk < bestRisk) {
    bestRisk = risk;
    best = beta.slice();
  }
  return { coef: beta, risk, bestCoef: best, bestRisk, delta, riskHistory: history.slice(0, performed) };
}
