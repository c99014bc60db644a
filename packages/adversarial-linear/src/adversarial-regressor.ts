/**
 * A thin estimator-style wrapper around {@link fitAdversarialRegression} (docs/method.md §g: "thin class wrappers are
 * fine; keep the functional core"): `new AdversarialRegressor(opts).fit(X, y).predict(X)`.
 */
import { assertKnownOptions, DescentError, matvec } from "@descent/core-tensor";
import { type MatrixInput, toMatrix, type VectorInput } from "./data-input.js";
import {
  fitAdversarialRegression,
  REGRESSION_OPTION_KEYS,
  type RegressionFit,
  type RegressionOptions,
} from "./regression.js";

/** Throws the "call fit first" error of the wrappers. @internal */
export function notFitted(className: string): never {
  throw new DescentError(`${className} is not fitted yet: call fit(X, y) first`, { code: "not-fitted" });
}

/**
 * Adversarially trained linear regression (IRR, docs/method.md §c.1) as an object. Options are those of
 * {@link fitAdversarialRegression}, with the same defaults; they are checked when `fit` runs.
 *
 * @example
 * ```ts
 * const model = new AdversarialRegressor({ attack: "linf" }).fit(X, y);
 * model.predict(X); model.coef; model.result.risk;
 * ```
 */
export class AdversarialRegressor {
  readonly options: Readonly<RegressionOptions>;
  private fitted: RegressionFit | null = null;

  constructor(options: RegressionOptions = {}) {
    // misspelt options fail at construction, not at the first fit
    assertKnownOptions(options, REGRESSION_OPTION_KEYS);
    this.options = { ...options };
  }

  /** Fits on (X, y) with {@link fitAdversarialRegression}; returns `this` for chaining. */
  fit(X: MatrixInput, y: VectorInput): this {
    this.fitted = fitAdversarialRegression(X, y, this.options);
    return this;
  }

  /** The full result of the last `fit`. Throws (`code: "not-fitted"`) before the first one. */
  get result(): RegressionFit {
    return this.fitted ?? notFitted("AdversarialRegressor");
  }

  /** The fitted coefficients β. */
  get coef(): Float64Array {
    return this.result.coef;
  }

  /** Predictions `Xβ` (no intercept, like the fit). X must have as many columns as the training data. */
  predict(X: MatrixInput): Float64Array {
    const coef = this.coef;
    const Xm = toMatrix(X);
    if (Xm.cols !== coef.length) {
      throw new DescentError(`X must have ${coef.length} columns (as in fit), received ${Xm.cols}`, {
        parameter: "X",
        code: "shape",
      });
    }
    return matvec(Xm, coef);
  }
}
