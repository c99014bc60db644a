/**
 * Fitness shaping of a batch of objective values before the score-function estimators (docs/method.md §c.1).
 * Our choice following INGO's practice: `'standardize'` by default. Subtracting the batch mean is a control
 * variate (unbiased because E[z] = 0 and E[z² − 1] = 0); dividing by the batch standard deviation makes the
 * descent step invariant to positive affine rescalings of F. `'none'` keeps the raw values (the unbiased
 * estimator the paper's theory uses).
 */
import { assertAllFinite, assertNonEmpty, assertOneOf, DescentError } from "@descent/core-tensor";

/** How objective values are transformed before the gradient estimate. */
export type FitnessShaping = "standardize" | "center" | "none";

/** The accepted {@link FitnessShaping} values. */
export const FITNESS_SHAPINGS: readonly FitnessShaping[] = ["standardize", "center", "none"];

/** Below this population standard deviation the batch is treated as flat: std := 1 (docs/method.md §c.1, h.5). */
export const FLAT_STD = 1e-12;

/**
 * Shapes `values` (docs/method.md §c.1): `'standardize'` → (f − mean)/std with the population std (divide by N),
 * std := 1 when below 1e-12; `'center'` → f − mean; `'none'` → f. Writes into `out` when given.
 */
export function shapeFitness(
  values: ArrayLike<number>,
  mode: FitnessShaping,
  out: Float64Array = new Float64Array((values as ArrayLike<number> | null)?.length ?? 0),
): Float64Array {
  assertOneOf(mode, "fitnessShaping", FITNESS_SHAPINGS);
  if (values === null || typeof values !== "object") {
    throw new DescentError("values must be an array of numbers", { parameter: "values", code: "type" });
  }
  assertNonEmpty(values, "values");
  assertAllFinite(values, "values");
  const n = values.length;
  if (mode === "none") {
    for (let i = 0; i < n; i++) out[i] = values[i] as number;
    return out;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n;
  if (mode === "center") {
    for (let i = 0; i < n; i++) out[i] = (values[i] as number) - mean;
    return out;
  }
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const c = (values[i] as number) - mean;
    ss += c * c;
  }
  let std = Math.sqrt(ss / n);
  if (!(std >= FLAT_STD)) std = 1;
  for (let i = 0; i < n; i++) out[i] = ((values[i] as number) - mean) / std;
  return out;
}
