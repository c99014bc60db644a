/**
 * The `adversarial-linear` demo: the reduced-scale reproduction of method §e for
 * @descent/adversarial-linear (Ribeiro, Schön, Zachariah & Bach, AISTATS 2025): solver convergence for
 * regression (R1-a) and classification (R1-b), and the cost scaling of IRR (R2).
 */
import type { Demo } from "../../demo.js";
import { judge, NOT_JUDGED_QUICK, summarizeVerdict } from "../../report/verdict.js";
import { classificationConvergence } from "./classification-convergence.js";
import { irrScaling } from "./irr-scaling.js";
import { oneDimensional } from "./one-dimensional.js";
import { realData } from "./real-data.js";
import { regressionConvergence } from "./regression-convergence.js";

export const adversarialLinearDemo: Demo = {
  name: "adversarial-linear",
  packageName: "@descent/adversarial-linear",
  method: "packages/adversarial-linear/docs/method.md",
  terms: {
    IRR: "iteratively reweighted ridge regression, the paper's regression solver (method §c.1); IRR-Cholesky solves each ridge exactly, IRR-CG takes one conjugate-gradient step",
    "GD / AGD":
      "projected gradient descent and its Nesterov-accelerated version (FISTA) on the extended classification problem (method §c.2)",
    "SGD / SAGA": "stochastic gradient and the variance-reduced SAGA method; one iteration is one epoch",
    FGSM: "the deep-learning style baseline: subgradient descent on the adversarial risk, the exact FGSM worst case for linear models (method §c.2)",
    "δ (randn-zero)": "the adversarial radius; randn-zero is the default radius of method §b",
    "R* / sub-optimality": "R* is the reference optimum of a long run; sub-optimality is (R − R*)/R*",
    "λ_max, L_max":
      "largest eigenvalue of XᵀX/n and the per-sample smoothness constant that set the step sizes",
  },
  title: "adversarial-linear: fast solvers for linear adversarial training",
  description:
    "Convergence of iteratively reweighted ridge (Cholesky, CG) against subgradient descent for ℓ∞-adversarial " +
    "regression, of projected GD/AGD/SGD/SAGA on the extended variable against FGSM-style adversarial training for " +
    "classification, and the cost of 100 IRR iterations as n grows (method §e: R1-a, R1-b, R2).",
  async run(ctx) {
    ctx.report.text(
      `Seed ${ctx.seed}, ${ctx.quick ? "quick mode (smaller instances)" : "full mode (method §e sizes)"}. ` +
        "All arithmetic in float64 on core-tensor's linalg64 kernels, one thread.",
    );
    const criteria = [
      ...(await regressionConvergence(ctx)),
      ...(await classificationConvergence(ctx)),
      ...(await irrScaling(ctx)),
    ];
    // the paper's real-data settings (informative; not part of method §e pass criteria)
    await realData(ctx);
    await oneDimensional(ctx);
    // quick mode's small sizes cannot decide the R2 cost statements (pass: null), reported as not judged
    const statements = criteria.map((c, i) => ({
      label: `#${i + 1} ${c.claim.split(":")[0]}`,
      judgement: c.pass === null ? NOT_JUDGED_QUICK : judge(c.pass, { quick: ctx.quick }),
    }));
    ctx.report.section("Pass criteria of method §e");
    ctx.report.table(
      ["#", "claim", "measured", "judgement"],
      criteria.map((c, i) => [i + 1, c.claim, c.measured, statements[i]?.judgement ?? ""]),
    );
    ctx.report.data("criteria", criteria);
    const verdict = summarizeVerdict(statements, { noun: "pass criteria of method §e" });
    return {
      status: verdict.status,
      headline:
        `${verdict.sentence} — IRR-Cholesky@100 vs subgradient: ${criteria[0]?.measured ?? ""}; ` +
        `CG speed-up per 100 IRR iterations: ${criteria.at(-2)?.measured ?? ""}.`,
    };
  },
};
