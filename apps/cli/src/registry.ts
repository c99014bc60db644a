/**
 * Every demo the CLI knows. Each package adds its demos here, under `src/demos/<package>/`.
 */
import type { Demo } from "./demo.js";
import { adversarialLinearDemo } from "./demos/adversarial-linear/index.js";
import { coreTensorDemo } from "./demos/core-tensor/index.js";
import { flRachDemo } from "./demos/fl-rach/index.js";
import { hiFmDemo } from "./demos/hi-fm/index.js";
import { kahlerGrassmannianDemo } from "./demos/kahler-grassmannian/index.js";
import { loopedTransformerDemo } from "./demos/looped-transformer/index.js";
import { lowrankPgdDemo } from "./demos/lowrank-pgd/index.js";
import { lrrlDemo } from "./demos/rl-agents/index.js";
import { savoDemo } from "./demos/rl-agents/savo.js";
import { saboDemo } from "./demos/sabo/index.js";

/** All registered demos, in the order `run all` executes them. */
export const demos: readonly Demo[] = [
  coreTensorDemo,
  adversarialLinearDemo,
  loopedTransformerDemo,
  flRachDemo,
  saboDemo,
  lowrankPgdDemo,
  lrrlDemo,
  kahlerGrassmannianDemo,
  hiFmDemo,
  savoDemo,
];

/** Looks a demo up by name. */
export function findDemo(name: string): Demo | undefined {
  return demos.find((d) => d.name === name);
}
