/**
 * The page's experiment: SABO, INGO and CMA-ES on the two-dimensional flat-versus-sharp landscape of the
 * sabo's docs/method.md §e.2 (a deep narrow well at −1 and a shallower wide one at +1 in each coordinate),
 * stepped in lockstep through the ask/tell interface so each search distribution can be drawn as it moves.
 */
import { Rng } from "@descent/core-tensor";
import { type AskTellOptimizer, CmaEs, type GaussianSearch, Ingo, Sabo, twoBasinTask } from "@descent/sabo";
import { LANDSCAPE_LIMIT, type LandscapeCell, type MethodState, type SaboConfig } from "./config.js";

const DIM = 2;

export function buildLandscape(seed: number) {
  return twoBasinTask({ dim: DIM, seed });
}

export function createOptimizers(config: SaboConfig): { label: string; optimizer: AskTellOptimizer }[] {
  // μ0 ~ U(−1.5, 1.5)², shared by the three methods (a paired comparison, as in the CLI's reproduction)
  const mean0 = new Rng(10_000 + config.seed).uniformArray(DIM, -1.5, 1.5);
  const common = {
    dim: DIM,
    mean0,
    sigma0: config.sigma0,
    populationSize: config.populationSize,
    learningRate: 1 / Math.sqrt(DIM),
    seed: config.seed,
  };
  return [
    {
      label: `SABO ρ=${config.rho}`,
      optimizer: new Sabo({ ...common, rho: config.rho, perturbationClip: 0.5 }),
    },
    { label: "INGO", optimizer: new Ingo(common) },
    {
      label: "CMA-ES",
      optimizer: new CmaEs({
        dim: DIM,
        mean0,
        sigma0: config.sigma0,
        populationSize: config.populationSize,
        seed: config.seed,
      }),
    },
  ];
}

/** Runs one ask/tell iteration (SABO's has two batches: the ascent and the descent). */
export function stepIteration(optimizer: AskTellOptimizer, f: (x: Float64Array) => number): Float64Array[] {
  const start = optimizer.iteration;
  let samples: Float64Array[] = [];
  while (optimizer.iteration === start && optimizer.stopReason() === null) {
    const batch = optimizer.ask();
    samples = batch.points.map((p) => p.slice());
    optimizer.tell(samples.map(f));
  }
  return samples;
}

export function describe(
  label: string,
  optimizer: AskTellOptimizer,
  samples: Float64Array[],
  task: ReturnType<typeof buildLandscape>,
): MethodState {
  const x = optimizer.recommendation();
  const gaussian = "state" in optimizer ? (optimizer as GaussianSearch).state : null;
  const reason = optimizer.stopReason();
  const divergence = "divergence" in optimizer ? (optimizer as GaussianSearch).divergence : null;
  return {
    method: label,
    iteration: optimizer.iteration,
    mean: [x[0] as number, x[1] as number],
    variance: gaussian ? [gaussian.variance[0] as number, gaussian.variance[1] as number] : null,
    samples: samples.map((s) => [s[0] as number, s[1] as number]),
    train: task.train(x),
    test: task.test(x),
    stopped: reason === null ? null : divergence !== null ? `${reason}: ${divergence.message}` : reason,
  };
}

// 50 cells of width 0.08 put a cell centre exactly on each well centre (±1), so the narrow sharp well shows
const GRID = 50;

/** F_train on a GRID×GRID grid of cells over [−LIMIT, LIMIT]², for the contour background. */
export function landscapeGrid(task: ReturnType<typeof buildLandscape>): LandscapeCell[] {
  const cells: LandscapeCell[] = [];
  const h = (2 * LANDSCAPE_LIMIT) / GRID;
  for (let i = 0; i < GRID; i++)
    for (let j = 0; j < GRID; j++) {
      const x = -LANDSCAPE_LIMIT + i * h;
      const y = -LANDSCAPE_LIMIT + j * h;
      cells.push({ x, x2: x + h, y, y2: y + h, f: task.train(Float64Array.of(x + h / 2, y + h / 2)) });
    }
  return cells;
}
