/**
 * The hostile-input property harness shared by every package's `public-api.property.test.ts`
 * (fast-check, fixed seed): each public entry point, called with one argument or option replaced by a
 * hostile value, either throws a DescentError naming a parameter or returns only finite numbers, and
 * leaves no tensor behind. Test-only: imported by relative path, never part of a published package.
 */
import { DescentError, tf } from "@descent/core-tensor";
import fc from "fast-check";

const SEED = 20_261_205;

/** One public entry point: a valid call, and how to call it with (possibly mutated) arguments. */
export interface HostileInputEntry {
  name: string;
  valid: () => unknown[];
  call: (args: unknown[]) => unknown;
  runs?: number;
}

/** Values a JavaScript caller can pass where a number, array or options object belongs. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    0,
    -0,
    -1,
    0.5,
    -1e308,
    1e-300,
    "",
    "abc",
    true,
    {},
    [],
    [Number.NaN],
    new Float64Array(0),
    Float64Array.of(1, Number.NaN),
    () => 1,
  ),
  fc.double({ min: -1e6, max: 1e6 }),
  fc.integer({ min: -3, max: 9 }),
  fc.array(fc.oneof(fc.double({ min: -10, max: 10 }), fc.constant(Number.NaN)), { maxLength: 5 }),
);

/** A mutation: replace argument `arg`, or (when it is an options object) one of its keys or a new key. */
const mutation = fc.record({
  arg: fc.nat({ max: 7 }),
  key: fc.oneof(fc.constant(null), fc.nat({ max: 15 }), fc.constantFrom("maxIters", "sede", "__proto__x")),
  value: hostileValue,
});

type Mutation = { arg: number; key: number | string | null; value: unknown };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
}

function mutate(args: unknown[], m: Mutation): unknown[] {
  const out = [...args];
  const i = out.length === 0 ? 0 : m.arg % out.length;
  const target = out[i];
  if (m.key !== null && isPlainObject(target)) {
    const keys = Object.keys(target);
    const key =
      typeof m.key === "string" || keys.length === 0 ? String(m.key) : (keys[m.key % keys.length] as string);
    out[i] = { ...target, [key]: m.value };
  } else {
    out[i] = m.value;
  }
  return out;
}

/** Every number reachable in `v` (typed arrays, arrays, plain objects, depth ≤ 4) is finite. */
function finiteDeep(v: unknown, depth = 0): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (depth > 4 || v === null || typeof v !== "object") return true;
  if (v instanceof tf.Tensor)
    return (
      v.isDisposed ||
      (v.dtype !== "string" && Array.from(v.dataSync() as ArrayLike<number>).every(Number.isFinite))
    );
  if (ArrayBuffer.isView(v))
    return Array.from(v as unknown as ArrayLike<number>).every(
      (x) => typeof x !== "number" || Number.isFinite(x),
    );
  if (Array.isArray(v)) return v.every((x) => finiteDeep(x, depth + 1));
  if (!isPlainObject(v)) return true;
  return Object.values(v).every((x) => finiteDeep(x, depth + 1));
}

function disposeDeep(v: unknown, depth = 0): void {
  if (v instanceof tf.Tensor) v.dispose();
  else if (depth <= 4 && Array.isArray(v)) for (const x of v) disposeDeep(x, depth + 1);
  else if (depth <= 4 && isPlainObject(v)) for (const x of Object.values(v)) disposeDeep(x, depth + 1);
}

/**
 * The property: a mutated call either throws a DescentError naming a parameter, or returns a result whose
 * numbers are all finite; either way it leaves no tensor behind. Returns a description of what broke.
 */
async function outcome(entry: HostileInputEntry, args: unknown[], valid = false): Promise<string | null> {
  const before = tf.memory().numTensors;
  let result: unknown;
  try {
    result = await entry.call(args);
  } catch (e) {
    if (valid || !(e instanceof DescentError) || !e.parameter) {
      return `${entry.name} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    }
  }
  const finite = finiteDeep(result);
  disposeDeep(result);
  if (!finite) return `${entry.name} returned a non-finite number`;
  const after = tf.memory().numTensors;
  return after === before ? null : `${entry.name} leaked ${after - before} tensors`;
}

/** Options of {@link checkEntries}. */
export interface CheckEntriesOptions {
  /**
   * Package-specific hostile values (tensors with NaN, a wrong shape or rank, labels out of range, a
   * disposed tensor, ...). Each one replaces each argument of each entry in turn, on top of the seeded
   * samples, so every argument position meets every value.
   */
  extraValues?: () => readonly unknown[];
}

/**
 * Runs the property over every entry on seeded fast-check samples (and on every extra value in every
 * argument position) and collects every distinct problem (instead of stopping at the first), so one run
 * lists all there are. Returns the inputs tried.
 */
export async function checkEntries(
  entries: readonly HostileInputEntry[],
  options: CheckEntriesOptions = {},
): Promise<{ tried: number; problems: string[] }> {
  let tried = 0;
  const problems = new Set<string>();
  const extras = options.extraValues?.() ?? [];
  for (const entry of entries) {
    const valid = await outcome(entry, entry.valid(), true);
    if (valid !== null) problems.add(`${valid} (valid call)`);
    tried++;
    for (const m of fc.sample(mutation, { seed: SEED, numRuns: entry.runs ?? 40 })) {
      tried++;
      const problem = await outcome(entry, mutate(entry.valid(), m));
      if (problem !== null) problems.add(problem);
    }
    const arity = entry.valid().length;
    for (let arg = 0; arg < arity; arg++) {
      for (const value of extras) {
        tried++;
        const problem = await outcome(entry, mutate(entry.valid(), { arg, key: null, value }));
        if (problem !== null) problems.add(`${problem} (argument ${arg}: ${describeExtra(value)})`);
      }
    }
  }
  return { tried, problems: [...problems] };
}

function describeExtra(value: unknown): string {
  if (value instanceof tf.Tensor)
    return `tensor [${value.shape.join(", ")}] ${value.dtype}${value.isDisposed ? " (disposed)" : ""}`;
  return Object.prototype.toString.call(value);
}
