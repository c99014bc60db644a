/**
 * @descent/adversarial-linear against a numpy re-implementation of the paper's official reweighted
 * solver (`peers/irr.py`, written for this comparison; `pnpm bench:peers adversarial-linear`): 10
 * iterations of iteratively reweighted ridge (Cholesky) for ℓ∞-adversarial regression, δ = 0.1, on
 * `gaussian(1000, 100)`, both sides on the same X and y. `tol: 0` fixes the iteration count so that both
 * sides do the same work; the check is the last iteration's adversarial risk. Then a short AGD solve
 * of ℓ∞-adversarial logistic classification (`fitAdversarialClassifier` defaults: Nesterov with
 * backtracking from step 1e10, factor 1.5, ρ = ½√λ_max(XᵀX/n)) for a fixed 100 iterations on
 * `gaussianClassification(1000, 100)`, δ = 0.05, against the same iteration in numpy (the official
 * code's `agd_with_backtrack` structure); each call includes λ_max (TS: power iteration to 1e-12; numpy:
 * the 2-norm of X by SVD). Check: the final adversarial risk.
 */
import { float64Kernels } from "@descent/core-tensor";
import { f64, type PeerCase, type PeerSuite } from "../../../tooling/bench-peers/suite.js";
import {
  fitAdversarialClassifier,
  fitAdversarialRegression,
  gaussian,
  gaussianClassification,
} from "../src/index.js";

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
        gapTol: 0,
      }).risk,
  };
}

function agdCase(n: number, p: number, iterations: number): PeerCase {
  const { X, y } = gaussianClassification(n, p, { seed: 3 });
  return {
    name: `AGD ℓ∞ classification, n=${n}, p=${p}, ${iterations} iterations`,
    peer: "numpy",
    pyCase: "agd_linf",
    params: { x: f64(X.data), y: f64(y), n, p, delta: 0.05, iterations },
    rtol: 1e-8,
    prepare: () => () =>
      fitAdversarialClassifier(X, y, {
        attack: "linf",
        delta: 0.05,
        solver: "agd",
        maxIter: iterations,
        tol: 0,
      }).risk,
  };
}

export const suite: PeerSuite = {
  script: "peers/irr.py",
  init: async () =>
    `${float64Kernels() === "wasm" ? "float64 WebAssembly SIMD kernels" : "plain-TS float64 kernels"} (core-tensor), 1 thread`,
  cases: () => [irrCase(1000, 100), agdCase(1000, 100, 100)],
};
