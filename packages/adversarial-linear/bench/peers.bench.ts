/**
 * @descent/adversarial-linear against a numpy re-implementation of the paper's official reweighted
 * solver (`peers/irr.py`, written for this comparison; `pnpm bench:peers adversarial-linear`): 10
 * iterations of iteratively reweighted ridge (Cholesky) for ℓ∞-adversarial regression, δ = 0.1, on
 * `gaussian(1000, 100)`, both sides on the same X and y. `tol: 0` fixes the iteration count so that both
 * sides do the same work; the check is the last iteration's adversarial risk.
 */
import { f64, type PeerCase, type PeerSuite } from "../../../tooling/bench-peers/suite.js";
import { fitAdversarialRegression, gaussian } from "../src/index.js";

const ITERATIONS = 10;
const DELTA = 0.1;

function irrCase(n: number, p: number): PeerCase {
  const { X, y } = gaussian(n, p, { seed: 2 });
  return {
    name: `IRR ℓ∞ regression, n=${n}, p=${p}, ${ITERATIONS} iterations`,
    peer: "numpy",
    pyCase: "irr_linf",
    params: { x: f64(X.data), y: f64(y), n, p, delta: DELTA, iterations: ITERATIONS },
    rtol: 1e-8,
    prepare: () => () =>
      fitAdversarialRegression(X, y, {
        attack: "linf",
        delta: DELTA,
        solver: "irr-cholesky",
        maxIter: ITERATIONS,
        tol: 0,
      }).risk,
  };
}

export const suite: PeerSuite = {
  script: "peers/irr.py",
  init: async () => "plain-TS float64 kernels (core-tensor), 1 thread",
  cases: () => [irrCase(1000, 100)],
};
