/**
 * Test-only helper (excluded from the published files, never exported): the small MLP, sparse digit
 * batch and labels 0..batch−1 that the attack tests share, created once per `describe` after the
 * backend is up and disposed after it.
 */
import { initBackend, tf } from "@descent/core-tensor";
import { afterAll, beforeAll } from "vitest";
import { createMlp, type TrainableClassifier } from "../mlp.js";
import { sparseImages } from "./sparse-images.js";

/** The shared attack-test inputs; set by the `beforeAll` that {@link useMlpFixture} registers. */
export interface MlpFixture {
  net: TrainableClassifier;
  x: tf.Tensor4D;
  y: tf.Tensor1D;
}

/**
 * Registers `beforeAll` (backend, `createMlp({ seed: netSeed, hiddenUnits })`, `sparseImages(batch,
 * imageSeed)`, labels `0..batch−1`) and `afterAll` (dispose) in the calling `describe`.
 */
export function useMlpFixture(options: {
  netSeed: number;
  hiddenUnits: number[];
  batch: number;
  imageSeed: number;
}): MlpFixture {
  const fixture = {} as MlpFixture;
  beforeAll(async () => {
    await initBackend();
    fixture.net = createMlp({ seed: options.netSeed, hiddenUnits: options.hiddenUnits });
    fixture.x = sparseImages(options.batch, options.imageSeed);
    fixture.y = tf.tensor1d(
      Array.from({ length: options.batch }, (_, i) => i),
      "int32",
    );
  });
  afterAll(() => {
    fixture.net.dispose();
    tf.dispose([fixture.x, fixture.y]);
  });
  return fixture;
}
