/**
 * Property-based hostile-input tests of rl-agents' public entry points (fast-check, fixed seed): one
 * argument or option replaced by a hostile value gives a DescentError naming a parameter or a finite
 * result.
 */
import { DescentError, tf } from "@descent/core-tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createCartPole,
  createPendulum,
  DqnAgent,
  IqnAgent,
  ReplayBuffer,
  Td3Agent,
  trainAgent,
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

const obs = () => Float64Array.of(0.01, 0, -0.02, 0.01);

const entries: Entry[] = [
  {
    name: "DqnAgent.act",
    valid: () => [4, 2, { hiddenSizes: [4], seed: 1 }, obs()],
    call: (a) =>
      new DqnAgent(a[0] as never, a[1] as never, a[2] as never).act(a[3] as never, { explore: false }),
  },
  {
    name: "DqnAgent.observe",
    valid: () => [{ obs: obs(), action: 1, reward: 1, nextObs: obs(), terminated: false, truncated: false }],
    call: (a) => {
      const agent = new DqnAgent(4, 2, { hiddenSizes: [4], seed: 1, minReplay: 0, batchSize: 1 });
      agent.observe(a[0] as never);
      return agent.qValues(obs());
    },
  },
  {
    name: "IqnAgent.act",
    valid: () => [4, 2, { hiddenSizes: [4], seed: 1 }, obs()],
    call: (a) =>
      new IqnAgent(a[0] as never, a[1] as never, a[2] as never).act(a[3] as never, { explore: false }),
  },
  {
    name: "Td3Agent.act",
    valid: () => [3, [2], { hiddenSizes: [4], startSteps: 0, seed: 1 }, Float64Array.of(1, 0, 0.5)],
    call: (a) =>
      new Td3Agent(a[0] as never, a[1] as never, a[2] as never).act(a[3] as never, { explore: false }),
  },
  {
    name: "ReplayBuffer.add",
    valid: () => [[0, 1], 1, 0.5, [1, 0], false],
    call: (a) => {
      const b = new ReplayBuffer({ capacity: 2, obsDim: 2 });
      b.add(a[0] as never, a[1] as never, a[2] as never, a[3] as never, a[4] as never);
      return b.size;
    },
  },
  {
    name: "CartPole.step",
    valid: () => [{ seed: 1 }, 1],
    call: (a) => {
      const env = createCartPole(a[0] as never);
      env.reset();
      return env.step(a[1] as never);
    },
  },
  {
    name: "Pendulum.step",
    valid: () => [{ seed: 1 }, Float64Array.of(0.5)],
    call: (a) => {
      const env = createPendulum(a[0] as never);
      env.reset();
      return env.step(a[1] as never);
    },
  },
  {
    name: "trainAgent",
    valid: () => [{ totalSteps: 20, seed: 1 }],
    call: (a) => {
      const options = a[0] as Record<string, unknown>;
      const env = createCartPole({ seed: 1 });
      const agent = new DqnAgent(4, 2, { hiddenSizes: [4], seed: 1, minReplay: 4, batchSize: 2 });
      return trainAgent({ env, agent, ...options } as never).episodes;
    },
    runs: 25,
  },
];

describe("rl-agents public entry points under hostile input (fast-check)", () => {
  it("throw a DescentError naming the parameter or return finite numbers", async () => {
    const { tried, problems } = await checkEntries(entries);
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(entries.length * 25);
  }, 60_000);
});
