/**
 * The one-call form of docs/method.md §g: `minimizeSabo(f, options)` = `minimize(f, new Sabo(options), options)`.
 */
import type { SaboOptions } from "./gaussian-search-options.js";
import { SABO_OPTION_KEYS } from "./gaussian-search-options.js";
import {
  type BatchObjective,
  MINIMIZE_OPTION_KEYS,
  type MinimizeOptions,
  minimize,
  type Objective,
  type OptimizeResult,
} from "./minimize.js";
import { assertOptionsObject } from "./options-object.js";
import { Sabo } from "./sabo.js";

/**
 * Creates a {@link Sabo} from `options` and runs {@link minimize} with the same options object. Invalid
 * options reject the returned promise (as `minimize` does), they are not thrown synchronously.
 */
export async function minimizeSabo(
  f: Objective | BatchObjective,
  options: SaboOptions & MinimizeOptions,
): Promise<OptimizeResult> {
  // one options object for two consumers: check the union once, then give each its own keys
  assertOptionsObject(options, "options", [...SABO_OPTION_KEYS, ...MINIMIZE_OPTION_KEYS]);
  const pick = (keys: readonly string[]) =>
    Object.fromEntries(Object.entries(options).filter(([key]) => keys.includes(key)));
  const optimizer = new Sabo(pick(SABO_OPTION_KEYS) as unknown as SaboOptions);
  return minimize(f, optimizer, pick(MINIMIZE_OPTION_KEYS) as MinimizeOptions);
}
