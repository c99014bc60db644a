import { DescentError, initBackend, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { AdversarialClassifier } from "./adversarial-classifier.js";
import { AdversarialRegressor } from "./adversarial-regressor.js";
import { fitAdversarialClassifier } from "./classification.js";
import { gaussian, gaussianClassification } from "./datasets.js";
import { fitAdversarialRegression } from "./regression.js";

describe("class wrappers (docs/method.md §g)", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("AdversarialRegressor gives the functional fit and predicts Xβ", () => {
    const { X, y } = gaussian(40, 5, { seed: 41 });
    const opts = { attack: "linf" as const, maxIter: 50 };
    const model = new AdversarialRegressor(opts).fit(X, y);
    const ref = fitAdversarialRegression(X, y, opts);
    expect(Array.from(model.coef)).toEqual(Array.from(ref.coef));
    expect(model.result.risk).toBe(ref.risk);
    const pred = model.predict(X);
    for (let i = 0; i < 3; i++) {
      let s = 0;
      for (let j = 0; j < 5; j++) s += (X.data[i * 5 + j] as number) * (ref.coef[j] as number);
      expect(pred[i]).toBeCloseTo(s, 14);
    }
  });

  it("AdversarialClassifier predicts in the labels' own encoding and matches the functional fit", () => {
    const { X, y } = gaussianClassification(60, 4, { seed: 42, noise: 0.3 });
    const y01 = y.map((v) => (v > 0 ? 1 : 0));
    const opts = { attack: "l2" as const, delta: 0.05, maxIter: 200 };
    const model = new AdversarialClassifier(opts).fit(X, y01);
    const ref = fitAdversarialClassifier(X, y, opts);
    for (let j = 0; j < 4; j++) expect(model.coef[j]).toBeCloseTo(ref.coef[j] as number, 12);
    const labels = model.predict(X);
    const proba = model.predictProba(X);
    for (let i = 0; i < X.rows; i++) expect(labels[i]).toBe((proba[i] as number) > 0.5 ? 1 : 0);
    let correct = 0;
    for (let i = 0; i < X.rows; i++) if (labels[i] === y01[i]) correct++;
    expect(correct / X.rows).toBeGreaterThan(0.8);
    const pm = new AdversarialClassifier(opts).fit(X, y).predict(X);
    expect(new Set(pm)).toEqual(new Set([-1, 1]));
  });

  it("errors: not fitted, wrong width, invalid options at fit; no tfjs tensors created", () => {
    const { X, y } = gaussian(20, 3, { seed: 43 });
    const before = tf.memory().numTensors;
    expect(() => new AdversarialRegressor().predict(X)).toThrow(/not fitted/);
    expect(() => new AdversarialClassifier().coef).toThrow(DescentError);
    const model = new AdversarialRegressor({ maxIter: 5 }).fit(X, y);
    expect(() => model.predict([[1, 2]])).toThrow(/3 columns/);
    expect(() => new AdversarialRegressor({ delta: -1 }).fit(X, y)).toThrow(/delta/);
    expect(() =>
      new AdversarialClassifier({ solver: "newton" as never }).fit(
        X,
        y.map((v) => Math.sign(v) || 1),
      ),
    ).toThrow(/solver/);
    expect(() => new AdversarialRegressor().fit(X, y.slice(1))).toThrow(DescentError);
    expect(() => model.predict([[1, Number.NaN, 2]])).toThrow(/finite|NaN/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
