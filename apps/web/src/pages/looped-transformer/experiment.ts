/**
 * The page's experiment (looped-transformer's docs/method.md §e.4, reduced): a linear looped transformer with the sparse
 * parameterisation is trained with Adam for each loop count T, and its test error is compared with gradient
 * descent run for T steps with the best scalar step size, on the same test prompts.
 */
import {
  evaluateGd,
  evaluateLsa,
  GdProblemSet,
  gdBestStep,
  samplePrompts,
  trainLooped,
} from "@descent/looped-transformer";
import type { ErrorPoint, LoopedConfig, LossPoint } from "./config.js";

// the package's reproduction uses a larger step for T = 8 (looped-transformer's docs/method.md §e.4)
const learningRate = (loops: number) => (loops >= 8 ? 3e-2 : 1e-2);
const LOSS_EVERY = 10;

export function runLoopCount(
  config: LoopedConfig,
  loops: number,
  onLoss: (point: LossPoint) => void,
): ErrorPoint {
  const { dim: d, examples: n } = config;
  const trained = trainLooped({
    d,
    n,
    loops,
    steps: config.steps,
    batch: config.batch,
    learningRate: learningRate(loops),
    seed: config.seed * 1000 + loops,
    onProgress: ({ step, loss }) => {
      if (step % LOSS_EVERY === 0 || step === 1) onLoss({ kind: "loss", loops, step, loss });
    },
  });
  // fixed test prompts for every T (paired), the GD step fitted on other prompts
  const test = samplePrompts({ d, n, count: config.testPrompts, seed: config.seed * 1000 + 999 });
  const fit = samplePrompts({ d, n, count: 2 * config.testPrompts, seed: config.seed * 1000 + 998 });
  const best = gdBestStep(new GdProblemSet(fit), { loops });
  return {
    kind: "error",
    loops,
    transformer: evaluateLsa(trained.layers, test, { loops }).mse,
    gd: evaluateGd(test, { loops, eta: best.eta }).mse,
    gdStep: best.eta,
  };
}
