/**
 * The page's experiment (adversarial-linear's docs/method.md §b–§c): on a seeded sparse Gaussian regression problem, the
 * adversarially trained coefficients against the radius δ for ℓ∞ and ℓ2 attacks, and a race of the solvers
 * on one problem at the paper's default radius.
 */
import {
  type AttackNorm,
  fitAdversarialRegression,
  fitRegressionSubgradient,
  type RegressionSolver,
  sparseGaussian,
  zeroRadius,
} from "@descent/adversarial-linear";
import type { AdversarialConfig, Norm, PathPoint, RaceTrace } from "./config.js";

const ATTACK: Record<Norm, AttackNorm> = { linf: "linf", l2: "l2" };

export function problem(config: AdversarialConfig) {
  return sparseGaussian(config.samples, config.features, config.nonZeros, { seed: config.seed });
}

/** The path for one norm: `pathPoints` radii evenly spaced in [0, 1]·δ_zero (δ = 0 is least squares). */
export function* coefficientPath(config: AdversarialConfig, norm: Norm): Generator<PathPoint> {
  const { X, y } = problem(config);
  const zero = zeroRadius(X, y, ATTACK[norm], "regression");
  for (let k = 0; k < config.pathPoints; k++) {
    const relativeDelta = k / (config.pathPoints - 1);
    const fit = fitAdversarialRegression(X, y, { attack: ATTACK[norm], delta: relativeDelta * zero });
    yield { kind: "path", attack: norm, delta: fit.delta, relativeDelta, coef: Array.from(fit.coef) };
  }
}

/** Each solver on the same problem and radius (the package default), traced per iteration. */
export function* solverRace(config: AdversarialConfig): Generator<RaceTrace> {
  const { X, y } = problem(config);
  const attack = ATTACK[config.raceAttack];
  const irr: RegressionSolver[] =
    config.raceAttack === "linf" ? ["irr-cholesky", "irr-cg", "irr-sqlasso"] : ["irr-cholesky", "irr-cg"];
  const traced = (solver: string, run: (hook: (i: { iteration: number; risk: number }) => void) => void) => {
    const trace: RaceTrace = { kind: "race", solver, iterations: [], milliseconds: [], risk: [] };
    const start = performance.now();
    run(({ iteration, risk }) => {
      trace.iterations.push(iteration);
      trace.milliseconds.push(performance.now() - start);
      trace.risk.push(risk);
    });
    return trace;
  };
  for (const solver of irr)
    yield traced(solver, (hook) =>
      fitAdversarialRegression(X, y, { attack, solver, maxIter: 200, onIteration: hook }),
    );
  yield traced("subgradient", (hook) =>
    fitRegressionSubgradient(X, y, {
      attack,
      steps: 2000,
      seed: config.seed,
      onIteration: (info) => {
        if (info.iteration % 10 === 0) hook(info);
      },
    }),
  );
}
