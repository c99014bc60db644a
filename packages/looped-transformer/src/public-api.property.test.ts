/**
 * Property-based hostile-input tests of looped-transformer's public entry points (fast-check, fixed
 * seed): one argument or option replaced by a hostile value gives a DescentError naming a parameter or
 * a finite result.
 */
import { DescentError, tf } from "@descent/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  conditionNumber,
  errorBound,
  evaluateGd,
  gd,
  gdBestStep,
  gdStepsToTolerance,
  gdWeightsResidual,
  olsWeights,
  predictQuery,
  ridgeWeights,
  samplePrompt,
  samplePrompts,
  trainLooped,
} from "./index.js";

// ---- hostile-input harness (kept in this file so each package's property test stands alone) ----
const SEED = 20_261_205;

/** One public entry point: a valid call, and how to call it with (possibly mutated) arguments. */
interface Entry {
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
async function outcome(entry: Entry, args: unknown[], valid = false): Promise<string | null> {
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

/**
 * Runs the property over every entry on seeded fast-check samples and collects every distinct problem
 * (instead of stopping at the first), so one run lists all there are. Returns the inputs tried.
 */
async function checkEntries(entries: readonly Entry[]): Promise<{ tried: number; problems: string[] }> {
  let tried = 0;
  const problems = new Set<string>();
  for (const entry of entries) {
    const valid = await outcome(entry, entry.valid(), true);
    if (valid !== null) problems.add(`${valid} (valid call)`);
    tried++;
    for (const m of fc.sample(mutation, { seed: SEED, numRuns: entry.runs ?? 40 })) {
      tried++;
      const problem = await outcome(entry, mutate(entry.valid(), m));
      if (problem !== null) problems.add(problem);
    }
  }
  return { tried, problems: [...problems] };
}
// ---- end of harness ----

const prompt = () => samplePrompt({ d: 2, n: 6, seed: 1 });

const entries: Entry[] = [
  { name: "samplePrompt", valid: () => [{ d: 2, n: 4, seed: 1 }], call: (a) => samplePrompt(a[0] as never) },
  {
    name: "samplePrompts",
    valid: () => [{ d: 2, n: 4, count: 2, seed: 1 }],
    call: (a) => samplePrompts(a[0] as never),
  },
  {
    name: "gd",
    valid: () => [prompt(), { steps: 3, eta: 0.5 }],
    call: (a) => gd(a[0] as never, a[1] as never),
  },
  {
    name: "gdStepsToTolerance",
    valid: () => [prompt(), { eta: 0.5, maxSteps: 50 }],
    // Infinity is the documented "tolerance not reached within maxSteps" answer
    call: (a) => {
      const steps = gdStepsToTolerance(a[0] as never, a[1] as never);
      return steps === Number.POSITIVE_INFINITY ? -1 : steps;
    },
  },
  {
    name: "predictQuery",
    valid: () => [prompt(), Float64Array.of(1, 2)],
    call: (a) => predictQuery(a[0] as never, a[1] as never),
  },
  {
    name: "ridgeWeights",
    valid: () => [prompt(), 0.1],
    call: (a) => ridgeWeights(a[0] as never, a[1] as never),
  },
  { name: "olsWeights", valid: () => [prompt()], call: (a) => olsWeights(a[0] as never) },
  {
    name: "evaluateGd",
    valid: () => [[prompt()], { loops: 2, eta: 0.5 }],
    call: (a) => evaluateGd(a[0] as never, a[1] as never).mse,
  },
  {
    name: "gdBestStep",
    valid: () => [[prompt()], { loops: 2, gridPoints: 5 }],
    call: (a) => gdBestStep(a[0] as never, a[1] as never),
  },
  {
    name: "errorBound",
    valid: () => [4, 3, "optimal"],
    call: (a) => errorBound(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "conditionNumber",
    valid: () => [prompt().X],
    // kappa = Infinity is the documented answer for a rank-deficient X; the eigenvalues must be finite
    call: (a) => {
      const { lambdaMax, lambdaMin } = conditionNumber(a[0] as never);
      return [lambdaMax, lambdaMin];
    },
  },
  {
    name: "gdWeightsResidual",
    valid: () => [2, 0.5],
    call: (a) => gdWeightsResidual(a[0] as never, a[1] as never),
  },
  {
    name: "trainLooped",
    valid: () => [{ d: 2, n: 4, loops: 2, steps: 2, batch: 2, seed: 1 }],
    call: (a) => trainLooped(a[0] as never).history,
    runs: 25,
  },
];

describe("looped-transformer public entry points under hostile input (fast-check)", () => {
  it("throw a DescentError naming the parameter or return finite numbers", async () => {
    const { tried, problems } = await checkEntries(entries);
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(entries.length * 25);
  }, 60_000);
});
