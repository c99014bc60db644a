// Task functions for worker-pool.test.ts: plain JS so that Node's worker threads can import them.

/** Σ_{i ∈ [start, end)} sin(i)·1e-3 + 1/(i+1), in float64: a sum whose value depends on the order. */
export function partialSum({ start, end }) {
  let s = 0;
  for (let i = start; i < end; i++) s += Math.sin(i) * 1e-3 + 1 / (i + 1);
  return s;
}

/** Returns a Float64Array of squares, to check typed arrays cross threads. */
export function squares(values) {
  return Float64Array.from(values, (v) => v * v);
}

/** Always throws, to check error propagation. */
export function fail(input) {
  throw new Error(`bad input ${input}`);
}

/** Resolves after `ms` milliseconds with `ms`, to make workers finish out of order. */
export async function sleepThenReturn(ms) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ms;
}

export const notAFunction = 3;
