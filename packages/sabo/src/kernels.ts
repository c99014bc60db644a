/**
 * The pure float64 building blocks of SABO, exported together for tests and for users who want to build
 * their own loop (spec g): fitness shaping (c.1), the score-function estimators (5)-(6), the two inner
 * maximisers (c.2) with the KL divergences they are measured by, the positivity safeguard and the outer
 * step (9)-(10).
 */
import { shapeFitness } from "./fitness-shaping.js";
import { applyPerturbation, exactKL, perturbExactKL, perturbFisher, quadraticKL } from "./kl-perturbation.js";
import { naturalGradientStep } from "./natural-gradient-step.js";
import { scoreGradients } from "./score-gradients.js";

/** SABO's kernels (see the individual functions). */
export const kernels = {
  shapeFitness,
  scoreGradients,
  perturbFisher,
  perturbExactKL,
  quadraticKL,
  exactKL,
  applyPerturbation,
  naturalGradientStep,
} as const;
