/**
 * The page's data: a seeded ten-class Gaussian mixture in 20 dimensions (our choice: the package's MNIST
 * reproduction needs 50 MB of digits, too much for a page). Class means ~ N(0, 1), within-class noise
 * N(0, 1.5²), so a small MLP needs a few hundred local steps to separate the classes.
 */
import { Rng } from "@descent/core-tensor";
import type { LabelledData } from "@descent/fl-rach";

export const INPUT_DIM = 20;
export const CLASSES = 10;

export function gaussianMixture(
  seed: number,
  train: number,
  test: number,
): { train: LabelledData; test: LabelledData } {
  const rng = new Rng(seed);
  const means = rng.normalArray(CLASSES * INPUT_DIM);
  const draw = (count: number): LabelledData => {
    const x = new Float32Array(count * INPUT_DIM);
    const y = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const c = rng.int(0, CLASSES);
      y[i] = c;
      for (let j = 0; j < INPUT_DIM; j++)
        x[i * INPUT_DIM + j] = (means[c * INPUT_DIM + j] as number) + 1.5 * rng.normal();
    }
    return { x, y, inputDim: INPUT_DIM };
  };
  return { train: draw(train), test: draw(test) };
}
