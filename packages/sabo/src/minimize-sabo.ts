/**
 * The one-call form of docs/method.md §g: `minimizeSabo(f, options)` = `minimize(f, new Sabo(options), options)`.
 */
import type { SaboOptions } from "./gaussian-search-options.js";
import {
  type BatchObjective,
  type MinimizeOptions,
  minimize,
  type Objective,
  type OptimizeResult,
} from "./minimize.js";
import { Sabo } from "./sabo.js";

/**
 * Creates a {@link Sabo} from `options` and runs {@link minimize} with the same options object. Invalid
 * options reject the returned promise (as `minimize` does), they are not thrown synchronously.
 */
export async function minimizeSabo(
  f: Objective | BatchObjective,
  options: SaboOptions & MinimizeOptions,
): Promise<OptimizeResult> {
  const optimizer = new Sabo(options);
  return minimize(f, optimizer, options);
}
