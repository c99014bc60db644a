/**
 * B-R1 of rl-agents's method document (§B.e): DQN on CartPole-v1 (ts backend, 4-64-64-2, Adam) with each
 * fixed learning rate of the arm set, LRRL over the arm set, LRRL with an added divergent arm, a
 * uniformly random arm choice (LRRL with α = 0) with and without that arm, exponential decay and the
 * triangular cyclical rate. One schedule of DQN updates for every configuration.
 */
import {
  binnedReturns,
  createCartPole,
  DqnAgent,
  type DqnOptions,
  type LearningAgent,
  meanAndStandardError,
  schedules,
  trainAgent,
  withLrrl,
  withSchedule,
} from "@descent/rl-agents";
import type { DemoContext } from "../../demo.js";
import { mean } from "../../seed-statistics.js";

/** method §B.e B-R1: the arm set and the divergent extra arm. */
export const ARMS = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2];
export const DIVERGENT_ARM = 3e-2;

/** method §B.e B-R1 agent: 4-64-64-2, Adam ε 3.125e-4, γ 0.99, batch 64, replay 5e4, warm-up 500,
 * update every 2 steps, target every 200, ε 1 → 0.02 over 5 000 steps, Huber loss. */
export const DQN_SETTINGS: DqnOptions = {
  hiddenSizes: [64, 64],
  gamma: 0.99,
  batchSize: 64,
  replayCapacity: 50_000,
  minReplay: 500,
  updatePeriod: 2,
  targetUpdatePeriod: 200,
  epsilonTrain: 0.02,
  epsilonDecaySteps: 5000,
  optimizer: "adam",
  optimizerEpsilon: 3.125e-4,
};

type ConfigKind = "fixed" | "lrrl" | "uniform" | "exponential" | "cyclical";

/** A configuration of the grid. */
export interface CartPoleConfig {
  name: string;
  kind: ConfigKind;
  arms?: number[];
  lr?: number;
  /** LRRL feedback normalisation (method §B.h: returns in the hundreds saturate the softmax at α = 0.2). */
  normalize?: "none" | "runningStd";
}

/** Per-seed result. */
interface SeedRun {
  finalReturn: number;
  auc: number;
  curve: number[];
  probs: number[][];
  diverged: boolean;
}

/** Aggregated result of one configuration. */
export interface CartPoleRow {
  name: string;
  final: { mean: number; se: number };
  auc: { mean: number; se: number };
  perSeedFinal: number[];
  curveMean: number[];
  curveSe: number[];
  /** Mean over seeds of the arm probabilities after each round (bandit configurations). */
  probs: number[][];
  /** Seeds whose online network ended with a non-finite parameter (method §B.e smoke check: no NaN). */
  divergedSeeds: number;
}

export function cartpoleConfigs(quick: boolean): CartPoleConfig[] {
  const withDiv = [...ARMS, DIVERGENT_ARM];
  const lrrl: CartPoleConfig[] = [
    { name: "LRRL(K)", kind: "lrrl", arms: ARMS },
    { name: "LRRL(K ∪ {3e-2})", kind: "lrrl", arms: withDiv },
  ];
  if (quick) return [{ name: "fixed 1e-3", kind: "fixed", lr: 1e-3 }, ...lrrl];
  const all: CartPoleConfig[] = [
    ...ARMS.map((lr) => ({
      name: `fixed ${lr.toExponential(0).replace("e-", "e-")}`,
      kind: "fixed" as const,
      lr,
    })),
    ...lrrl,
    { name: "uniform(K)", kind: "uniform", arms: ARMS },
    { name: "uniform(K ∪ {3e-2})", kind: "uniform", arms: withDiv },
    { name: "exp decay from 1e-3", kind: "exponential", lr: 1e-3 },
    { name: "cyclical 1e-4…1e-2", kind: "cyclical" },
    { name: "LRRL(K), runningStd", kind: "lrrl", arms: ARMS, normalize: "runningStd" },
    { name: "LRRL(K ∪ {3e-2}), runningStd", kind: "lrrl", arms: withDiv, normalize: "runningStd" },
  ];
  // LRRL_ONLY=<substring>: run only the matching configurations (to split a long grid over processes)
  const only = process.env.LRRL_ONLY;
  return only === undefined ? all : all.filter((c) => c.name.includes(only));
}

function runOne(
  cfg: CartPoleConfig,
  seed: number,
  totalSteps: number,
  roundSteps: number,
  binSize: number,
  signal: AbortSignal,
): SeedRun {
  const base = new DqnAgent(4, 2, { ...DQN_SETTINGS, learningRate: cfg.lr ?? 1e-3, seed });
  let agent: LearningAgent<number> = base;
  const probs: number[][] = [];
  if (cfg.kind === "lrrl" || cfg.kind === "uniform") {
    // the bandit has its own stream (method §B.h) so runs stay paired with the fixed rates
    const wrapped = withLrrl(base, {
      arms: cfg.arms ?? ARMS,
      roundSteps,
      seed: seed + 7919,
      ...(cfg.kind === "uniform" ? { alpha: 0 } : {}),
      ...(cfg.normalize === undefined ? {} : { normalize: cfg.normalize }),
    });
    wrapped.onRound((r) => probs.push(r.probs));
    agent = wrapped;
  } else if (cfg.kind === "exponential") {
    // d such that the rate falls ×10 over the run's gradient steps (method §B.e)
    const gradSteps = (totalSteps - (DQN_SETTINGS.minReplay ?? 0)) / (DQN_SETTINGS.updatePeriod ?? 1);
    agent = withSchedule(base, schedules.exponential(cfg.lr ?? 1e-3, Math.log(10) / gradSteps));
  } else if (cfg.kind === "cyclical") {
    // method §B.c: between the min and max arm, half-period 10·κ environment steps
    agent = withSchedule(base, schedules.cyclical(ARMS[0] as number, ARMS[4] as number, 10 * roundSteps), {
      unit: "envStep",
    });
  }
  const res = trainAgent({ env: createCartPole({ seed }), agent, totalSteps, seed, signal });
  const curve = binnedReturns(res.episodes, totalSteps, binSize).returns.map((v) =>
    Number.isNaN(v) ? 0 : v,
  );
  const lastStart = totalSteps * 0.8;
  const last = res.episodes.filter((e) => e.step > lastStart).map((e) => e.return);
  const finalReturn = last.length > 0 ? mean(last) : 0;
  const diverged = !Array.from(base.online.params).every(Number.isFinite);
  return { finalReturn, auc: mean(curve), curve, probs, diverged };
}

/** Runs the grid: every configuration × seed. */
export function runCartPoleGrid(
  ctx: DemoContext,
  opts: { seeds: number; totalSteps: number; roundSteps: number; binSize: number },
): CartPoleRow[] {
  const configs = cartpoleConfigs(ctx.quick);
  ctx.progress.start("B-R1 DQN on CartPole-v1", configs.length * opts.seeds);
  const rows: CartPoleRow[] = [];
  for (const cfg of configs) {
    const runs: SeedRun[] = [];
    for (let s = 0; s < opts.seeds; s++) {
      runs.push(runOne(cfg, ctx.seed + s, opts.totalSteps, opts.roundSteps, opts.binSize, ctx.signal));
      ctx.progress.tick(1, cfg.name);
    }
    const bins = runs[0]?.curve.length ?? 0;
    const curveStats = Array.from({ length: bins }, (_, b) =>
      meanAndStandardError(runs.map((r) => r.curve[b] as number)),
    );
    const rounds = Math.min(...runs.map((r) => r.probs.length));
    const probs = Array.from({ length: Number.isFinite(rounds) ? rounds : 0 }, (_, n) => {
      const k = runs[0]?.probs[n]?.length ?? 0;
      return Array.from(
        { length: k },
        (_, j) => runs.reduce((a, r) => a + ((r.probs[n] as number[])[j] as number), 0) / runs.length,
      );
    });
    rows.push({
      name: cfg.name,
      final: meanAndStandardError(runs.map((r) => r.finalReturn)),
      auc: meanAndStandardError(runs.map((r) => r.auc)),
      perSeedFinal: runs.map((r) => r.finalReturn),
      curveMean: curveStats.map((c) => c.mean),
      curveSe: curveStats.map((c) => c.se),
      probs,
      divergedSeeds: runs.filter((r) => r.diverged).length,
    });
  }
  ctx.progress.stop();
  return rows;
}
