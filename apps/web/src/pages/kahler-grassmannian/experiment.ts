/**
 * The page's experiment (kahler-grassmannian's docs/method.md §7 and §8, reduced): Donaldson's balanced metric at
 * each degree k, its σ measured on a validation cloud; then the paper's Method A — Donaldson restricted to an
 * m-dimensional subspace W of the degree-k sections, W moved along the Grassmannian to lower σ̂ — with σ on
 * the same validation cloud after every step.
 */
import {
  balancedMetric,
  learnSubspace,
  type PointCloud,
  samplePoints,
  sectionBasis,
  sigma,
} from "@descent/kahler-grassmannian";
import type { DonaldsonPoint, KahlerConfig, LearnPoint } from "./config.js";

export interface Clouds {
  train: PointCloud;
  validation: PointCloud;
}

/** Training and validation clouds from disjoint seeds. */
export function sampleClouds(config: KahlerConfig): Clouds {
  return {
    train: samplePoints({ psi: config.psi, nPoints: config.trainPoints, seed: 2 * config.seed }),
    validation: samplePoints({
      psi: config.psi,
      nPoints: config.validationPoints,
      seed: 2 * config.seed + 1,
    }),
  };
}

export function donaldsonAt(config: KahlerConfig, clouds: Clouds, k: number): DonaldsonPoint {
  const basis = sectionBasis(k);
  const { H, iterations } = balancedMetric(clouds.train, basis, { iterations: config.donaldsonIterations });
  return {
    kind: "donaldson",
    k,
    sections: basis.size,
    sigma: sigma(clouds.validation, basis, H).sigma,
    iterations,
  };
}

/** Method A from a Haar-random subspace (seeded); reports σ after every step, the start as step 0. */
export function methodA(config: KahlerConfig, clouds: Clouds, onPoint: (point: LearnPoint) => void): void {
  const basis = sectionBasis(config.learnK);
  learnSubspace(clouds.train, basis, {
    method: "A",
    m: config.m,
    steps: config.learnSteps,
    unrolledTSteps: config.unrolledTSteps,
    seed: config.seed,
    validation: clouds.validation,
    validationEvery: 1,
    onProgress: (step) =>
      onPoint({ kind: "learn", step: step.step, trainLoss: step.trainLoss, sigma: step.valSigma as number }),
  });
}
