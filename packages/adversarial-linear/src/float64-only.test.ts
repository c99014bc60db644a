import { initBackend, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { fitAdversarialClassifier } from "./classification.js";
import { gaussian, gaussianClassification } from "./datasets.js";
import { defaultRadius } from "./radius.js";
import { fitAdversarialRegression } from "./regression.js";

describe("no tfjs tensors (issue 3: nothing of the solvers goes through float32 tfjs)", () => {
  beforeAll(async () => {
    await initBackend();
  });
  it("the main entry points in a loop leave tf.memory().numTensors unchanged on the wasm backend", () => {
    const reg = gaussian(40, 5, { seed: 1 });
    const clf = gaussianClassification(40, 5, { seed: 2 });
    const before = tf.memory().numTensors;
    for (let r = 0; r < 5; r++) {
      fitAdversarialRegression(reg.X, reg.y, { attack: "linf", maxIter: 20 });
      fitAdversarialRegression(reg.X, reg.y, { attack: "l2", solver: "irr-cg", maxIter: 20 });
      fitAdversarialClassifier(clf.X, clf.y, { attack: "linf", delta: 0.05, maxIter: 20 });
      fitAdversarialClassifier(clf.X, clf.y, { attack: "l2", solver: "saga", delta: 0.05, maxIter: 2 });
      defaultRadius(reg.X, "l2", { draws: 20 });
    }
    expect(tf.getBackend()).toBe("wasm");
    expect(tf.memory().numTensors).toBe(before);
  });
});
