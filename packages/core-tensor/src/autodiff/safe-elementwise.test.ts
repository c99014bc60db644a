import { describe, expect, it } from "vitest";
import { tf } from "../backend.js";
import { DescentError } from "../errors.js";
import { useBackend } from "../testing/backend-hooks.js";
import {
  safeElu,
  safeExp,
  safeLogSigmoid,
  safeSigmoid,
  safeSilu,
  safeSoftplus,
  safeTanh,
} from "./safe-elementwise.js";

// Points away from elu's kink at 0, inside the range where float32 derivatives are accurate.
const POINTS = [-3, -1.7, -0.9, -0.35, -0.05, 0.05, 0.4, 0.8, 1.3, 2.1, 3];

function expectClose(actual: ArrayLike<number>, expected: number[], rtol: number, atol: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i] as number;
    expect(Math.abs(a - e), `entry ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(atol + rtol * Math.abs(e));
  });
}

/** The k-th derivative of an elementwise op at every point, by nesting tf.grad k times. */
function derivative(op: (x: tf.Tensor) => tf.Tensor, order: number, points: number[]): Float32Array {
  let g: (x: tf.Tensor) => tf.Tensor = (x) => op(x).sum();
  for (let k = 1; k < order; k++) {
    const inner = g;
    g = (x) => tf.grad(inner)(x).sum();
  }
  const last = g;
  return tf.tidy(() => tf.grad(last)(tf.tensor1d(points)).dataSync() as Float32Array);
}

const sig = (x: number) => 1 / (1 + Math.exp(-x));
const th = Math.tanh;

// Closed-form derivatives of orders 1, 2, 3 (elementary calculus: σ' = σ(1−σ), tanh' = 1 − tanh², ...).
const CASES: Array<{
  name: string;
  op: (x: tf.Tensor) => tf.Tensor;
  builtin: (x: tf.Tensor) => tf.Tensor;
  d: [(x: number) => number, (x: number) => number, (x: number) => number];
}> = [
  { name: "safeExp", op: safeExp, builtin: tf.exp, d: [Math.exp, Math.exp, Math.exp] },
  {
    name: "safeTanh",
    op: safeTanh,
    builtin: tf.tanh,
    d: [
      (x) => 1 - th(x) ** 2,
      (x) => -2 * th(x) * (1 - th(x) ** 2),
      (x) => -2 * (1 - th(x) ** 2) * (1 - 3 * th(x) ** 2),
    ],
  },
  {
    name: "safeSigmoid",
    op: safeSigmoid,
    builtin: tf.sigmoid,
    d: [
      (x) => sig(x) * (1 - sig(x)),
      (x) => sig(x) * (1 - sig(x)) * (1 - 2 * sig(x)),
      (x) => sig(x) * (1 - sig(x)) * (1 - 6 * sig(x) + 6 * sig(x) ** 2),
    ],
  },
  {
    name: "safeSoftplus",
    op: safeSoftplus,
    builtin: tf.softplus,
    d: [sig, (x) => sig(x) * (1 - sig(x)), (x) => sig(x) * (1 - sig(x)) * (1 - 2 * sig(x))],
  },
  {
    name: "safeLogSigmoid",
    op: safeLogSigmoid,
    builtin: tf.logSigmoid,
    d: [(x) => 1 - sig(x), (x) => -sig(x) * (1 - sig(x)), (x) => -sig(x) * (1 - sig(x)) * (1 - 2 * sig(x))],
  },
  {
    name: "safeElu",
    op: safeElu,
    builtin: tf.elu,
    d: [(x) => (x > 0 ? 1 : Math.exp(x)), (x) => (x > 0 ? 0 : Math.exp(x)), (x) => (x > 0 ? 0 : Math.exp(x))],
  },
  {
    name: "safeSilu",
    op: safeSilu,
    builtin: (x) => tf.mul(x, tf.sigmoid(x)),
    d: [
      (x) => sig(x) + x * sig(x) * (1 - sig(x)),
      (x) => 2 * sig(x) * (1 - sig(x)) + x * sig(x) * (1 - sig(x)) * (1 - 2 * sig(x)),
      (x) =>
        3 * sig(x) * (1 - sig(x)) * (1 - 2 * sig(x)) +
        x * sig(x) * (1 - sig(x)) * (1 - 6 * sig(x) + 6 * sig(x) ** 2),
    ],
  },
];

describe.each(["wasm", "cpu"] as const)("second-order-safe elementwise ops on %s", (backend) => {
  useBackend(backend);

  describe.each(CASES)("$name", ({ op, builtin, d }) => {
    it("has the values of the tfjs built-in", () => {
      const ours = tf.tidy(() => op(tf.tensor1d(POINTS)).dataSync());
      const theirs = tf.tidy(() => builtin(tf.tensor1d(POINTS)).dataSync());
      expectClose(ours, Array.from(theirs), 1e-6, 1e-7);
    });

    it.each([1, 2, 3])("derivative of order %i equals the closed form", (order) => {
      const expected = POINTS.map(d[order - 1] as (x: number) => number);
      expectClose(derivative(op, order, POINTS), expected, 2e-4, 2e-5);
    });
  });

  it("safeElu's gradient stays finite for large positive inputs (no inf·0)", () => {
    const g = tf.tidy(() =>
      tf
        .grad((x: tf.Tensor) => safeElu(x).sum())(tf.tensor1d([100, 1000]))
        .dataSync(),
    );
    expect(Array.from(g)).toEqual([1, 1]);
  });

  it("safeSoftplus and safeLogSigmoid do not overflow at ±100", () => {
    const values = tf.tidy(() => [
      ...safeSoftplus(tf.tensor1d([100, -100])).dataSync(),
      ...safeLogSigmoid(tf.tensor1d([100, -100])).dataSync(),
    ]);
    expectClose(values, [100, 0, 0, -100], 1e-6, 1e-6);
  });
});

describe("safe elementwise ops: input validation", () => {
  it.each([
    ["safeExp", safeExp],
    ["safeTanh", safeTanh],
    ["safeSigmoid", safeSigmoid],
    ["safeElu", safeElu],
    ["safeSoftplus", safeSoftplus],
    ["safeLogSigmoid", safeLogSigmoid],
    ["safeSilu", safeSilu],
  ] as const)("%s rejects a non-tensor, naming x", (_, op) => {
    expect(() => op([1, 2] as unknown as tf.Tensor)).toThrow(DescentError);
    expect(() => op([1, 2] as unknown as tf.Tensor)).toThrow(/x must be a tf.Tensor/);
  });
});
