/**
 * Rejects option keys an entry point does not know. A misspelt option (`maxIters` for `maxIter`) would
 * otherwise be ignored silently and the run would use the default the caller meant to override.
 */
import { DescentError, describeValue } from "./errors.js";

/** Edit distance (insertions, deletions, substitutions, adjacent transpositions) between two keys. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * The known key closest to `key` (case-insensitive edit distance, at most a third of the key's length,
 * at least 2 edits allowed; a known key that contains `key` or is contained in it also counts), or
 * `undefined` when none is close.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  if (best === undefined) return undefined;
  if (bestDistance <= Math.max(2, Math.floor(key.length / 3))) return best;
  const containing = known.find(
    (candidate) =>
      lower.length >= 3 &&
      (candidate.toLowerCase().includes(lower) || lower.includes(candidate.toLowerCase())),
  );
  return containing;
}

/**
 * Throws a {@link DescentError} unless `options` is `undefined` or a plain object whose own keys are all
 * in `known`. The message names the unknown key and, when one is close, the known key the caller probably
 * meant ("did you mean"). Keys whose value is `undefined` are checked too: a misspelling is a misspelling.
 *
 * @param options - the options object a caller passed (may be `undefined`)
 * @param known - the option names the entry point accepts
 * @param parameter - the parameter name for messages (default `"options"`)
 * @example
 * ```ts
 * assertKnownOptions({ maxIters: 10 }, ["maxIter", "tol"]);
 * // DescentError: options.maxIters is not an option; did you mean "maxIter"? Known options: maxIter, tol
 * ```
 */
export function assertKnownOptions(options: unknown, known: readonly string[], parameter = "options"): void {
  if (!Array.isArray(known) || !known.every((k) => typeof k === "string")) {
    throw new DescentError("known must be an array of option names", { parameter: "known", code: "type" });
  }
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new DescentError(`${parameter} must be an object of options, received ${describeValue(options)}`, {
      parameter,
      code: "type",
    });
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const hint = closestKey(key, known);
    const suggestion = hint === undefined ? "" : `; did you mean "${hint}"?`;
    throw new DescentError(
      `${parameter}.${key} is not an option${suggestion} Known options: ${[...known].sort().join(", ")}`,
      { parameter: `${parameter}.${key}`, code: "unknown-option" },
    );
  }
}
