/**
 * A thin estimator-style wrapper around {@link fitAdversarialClassifier} (docs/method.md §g):
 * `new AdversarialClassifier(opts).fit(X, y).predict(X)`.
 */
import { assertKnownOptions } from "@descent/core-tensor";
import { notFitted } from "./adversarial-regressor.js";
import {
  CLASSIFICATION_OPTION_KEYS,
  type ClassificationFit,
  type ClassificationOptions,
  fitAdversarialClassifier,
  predictProba,
} from "./classification.js";
import type { MatrixInput, VectorInput } from "./data-input.js";

/**
 * Adversarially trained logistic classifier (docs/method.md §c.2) as an object. Options are those of
 * {@link fitAdversarialClassifier}, with the same defaults; unknown option names throw at construction, values are checked when `fit` runs.
 *
 * @example
 * ```ts
 * const model = new AdversarialClassifier({ attack: "linf", delta: 0.05 }).fit(X, y);
 * model.predict(X); // labels in the encoding of y ({0, 1} or {−1, +1})
 * ```
 */
export class AdversarialClassifier {
  readonly options: Readonly<ClassificationOptions>;
  private fitted: ClassificationFit | null = null;

  constructor(options: ClassificationOptions = {}) {
    // misspelt options fail at construction, not at the first fit
    assertKnownOptions(options, CLASSIFICATION_OPTION_KEYS);
    this.options = { ...options };
  }

  /** Fits on (X, y) with {@link fitAdversarialClassifier}; returns `this` for chaining. */
  fit(X: MatrixInput, y: VectorInput): this {
    this.fitted = fitAdversarialClassifier(X, y, this.options);
    return this;
  }

  /** The full result of the last `fit`. Throws (`code: "not-fitted"`) before the first one. */
  get result(): ClassificationFit {
    return this.fitted ?? notFitted("AdversarialClassifier");
  }

  /** The fitted coefficients β. */
  get coef(): Float64Array {
    return this.result.coef;
  }

  /** Probabilities `σ(xᵢᵀβ)` of the positive class. */
  predictProba(X: MatrixInput): Float64Array {
    return predictProba(X, this.coef);
  }

  /** Labels in the training encoding: the positive label where `xᵢᵀβ > 0`, the negative one otherwise. */
  predict(X: MatrixInput): Float64Array {
    const [negative, positive] = this.result.labels;
    return this.predictProba(X).map((q) => (q > 0.5 ? positive : negative));
  }
}
