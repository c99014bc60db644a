/**
 * The inputs every regression fit shares (docs/method.md §b): the data, the attack norm and the radius option,
 * validated in the same order by {@link fitAdversarialRegression} and {@link fitRegressionSubgradient}.
 */
import type { Matrix64 } from "@descent/core-tensor";
import {
  type AttackNorm,
  checkAttack,
  type MatrixInput,
  toMatrix,
  toVector,
  type VectorInput,
} from "./data-input.js";
import type { RadiusOptions, RadiusSpec } from "./radius.js";

/** The regression data and attack, validated, with the defaults `'l2'` and `'randn-zero'` applied. @internal */
export interface RegressionInput {
  Xm: Matrix64;
  yv: Float64Array;
  attack: AttackNorm;
  deltaOption: RadiusSpec;
  radiusOptions: RadiusOptions | undefined;
}

/**
 * Converts X and y (one entry per row of X) and checks the attack norm; the radius itself is resolved
 * by the caller once its other options are validated. @internal
 */
export function toRegressionInput(
  X: MatrixInput,
  y: VectorInput,
  options: { attack?: AttackNorm; delta?: RadiusSpec; radiusOptions?: RadiusOptions },
): RegressionInput {
  const Xm = toMatrix(X);
  const yv = toVector(y, "y", Xm.rows);
  const { attack = "l2", delta: deltaOption = "randn-zero", radiusOptions } = options;
  checkAttack(attack);
  return { Xm, yv, attack, deltaOption, radiusOptions };
}
