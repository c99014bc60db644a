import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { AdversarialClassifier } from "./adversarial-classifier.js";
import { AdversarialRegressor } from "./adversarial-regressor.js";
import { fitAdversarialClassifier } from "./classification.js";
import { gaussian, gaussianClassification } from "./datasets.js";
import { defaultRadius } from "./radius.js";
import { fitAdversarialRegression } from "./regression.js";
import { fitRegressionSubgradient } from "./regression-subgradient.js";

function errorOf(f: () => unknown): DescentError {
  try {
    f();
  } catch (e) {
    if (e instanceof DescentError) return e;
    throw e;
  }
  throw new Error("expected a DescentError");
}

describe("unknown option names throw with a did-you-mean hint (README: they throw)", () => {
  const reg = gaussian(20, 3, { seed: 1 });
  const clf = gaussianClassification(20, 3, { seed: 1 });

  it("fitAdversarialRegression: maxIters → maxIter", () => {
    const e = errorOf(() => fitAdversarialRegression(reg.X, reg.y, { maxIters: 10 } as never));
    expect(e.parameter).toBe("options.maxIters");
    expect(e.message).toContain('did you mean "maxIter"');
  });

  it("fitAdversarialClassifier: a loss option it does not have, and a misspelt solver key", () => {
    expect(errorOf(() => fitAdversarialClassifier(clf.X, clf.y, { loss: "hinge" } as never)).parameter).toBe(
      "options.loss",
    );
    expect(
      errorOf(() => fitAdversarialClassifier(clf.X, clf.y, { sovler: "gd" } as never)).message,
    ).toContain('did you mean "solver"');
  });

  it("the subgradient fitter, the radius, the generators and the estimators check too", () => {
    expect(errorOf(() => fitRegressionSubgradient(reg.X, reg.y, { step: 0.1 } as never)).parameter).toBe(
      "options.step",
    );
    expect(errorOf(() => defaultRadius(reg.X, "l2", { draw: 10 } as never)).parameter).toBe(
      "radiusOptions.draw",
    );
    expect(errorOf(() => gaussian(5, 2, { noize: 0.1 } as never)).message).toContain('did you mean "noise"');
    expect(errorOf(() => new AdversarialRegressor({ atack: "l2" } as never)).parameter).toBe("options.atack");
    expect(errorOf(() => new AdversarialClassifier({ delta: 0.1, tolerance: 1 } as never)).parameter).toBe(
      "options.tolerance",
    );
  });
});
