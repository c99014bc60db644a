import { beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { DescentError } from "../errors.js";
import { normalTensor } from "../random-tensors.js";
import { Rng } from "../rng.js";
import { checkGradient, checkGradient64 } from "./check-gradient.js";
import { customGradient } from "./custom-gradient.js";
import { safeSoftplus } from "./safe-elementwise.js";

/** A 3-8-2 softplus MLP loss on 6 seeded points, as a function of its four parameter tensors. */
function mlpLoss(seed: number) {
  const rng = new Rng(seed);
  const X = normalTensor(rng, [6, 3], 0, 1);
  const Y = normalTensor(rng, [6, 2], 0, 1);
  const params = [
    normalTensor(rng, [3, 8], 0, 0.5),
    normalTensor(rng, [8], 0, 0.1),
    normalTensor(rng, [8, 2], 0, 0.5),
    normalTensor(rng, [2], 0, 0.1),
  ];
  const loss = (...[W1, b1, W2, b2]: tf.Tensor[]) =>
    tf.mean(
      tf.square(
        tf.sub(
          tf.add(
            tf.matMul(safeSoftplus(tf.add(tf.matMul(X, W1 as tf.Tensor2D), b1!)), W2 as tf.Tensor2D),
            b2!,
          ),
          Y,
        ),
      ),
    );
  return { params, loss, dispose: () => tf.dispose([X, Y, ...params]) };
}

// x² with a deliberately wrong gradient (3x instead of 2x), as a bug the checker must catch
const squareWithWrongGradient = customGradient<[tf.Tensor]>(1, ([x], save) => {
  save([x]);
  return { value: tf.square(x), gradFunc: (dy, [xs]) => tf.mul(dy, tf.mul(3, xs as tf.Tensor)) };
});

describe("checkGradient (tfjs autodiff vs central differences, float32)", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("accepts the autodiff gradient of a small MLP (four parameter tensors, 58 entries)", () => {
    const mlp = mlpLoss(3);
    const result = checkGradient(mlp.loss, mlp.params, { coordinates: "all" });
    mlp.dispose();
    expect(result.ok).toBe(true);
    expect(result.maxRelativeError).toBeLessThan(1e-2);
    expect(result.details.filter((d) => d.kind === "direction")).toHaveLength(3);
    expect(result.details.filter((d) => d.kind === "coordinate")).toHaveLength(3 * 8 + 8 + 8 * 2 + 2);
    const last = result.details.at(-1);
    expect([last?.tensor, last?.entry]).toEqual([3, 1]);
  });

  it("rejects a wrong gradient (3x for d/dx x²) with a relative error near 1/3", () => {
    const x = tf.tensor1d([0.5, -1.2, 2]);
    const result = checkGradient((z) => tf.sum(squareWithWrongGradient(z)), x);
    x.dispose();
    expect(result.ok).toBe(false);
    expect(result.maxRelativeError).toBeGreaterThan(0.3);
    expect(result.maxRelativeError).toBeLessThan(0.34);
  });

  it("is reproducible for a seed and checks the requested number of random coordinates", () => {
    const mlp = mlpLoss(4);
    const a = checkGradient(mlp.loss, mlp.params, { coordinates: 5, directions: 2, seed: 9 });
    const b = checkGradient(mlp.loss, mlp.params, { coordinates: 5, directions: 2, seed: 9 });
    mlp.dispose();
    expect(a).toEqual(b);
    expect(a.details).toHaveLength(7);
    expect(new Set(a.details.filter((d) => d.kind === "coordinate").map((d) => d.index)).size).toBe(5);
  });

  it("reports a non-finite gradient as not ok", () => {
    const x = tf.tensor1d([0, 1]);
    const result = checkGradient((z) => tf.sum(tf.sqrt(tf.abs(z))), x, { directions: 0 });
    x.dispose();
    expect(result.ok).toBe(false);
  });

  it("validates its options and inputs, naming the parameter", () => {
    const x = tf.tensor1d([1, 2]);
    const f = (z: tf.Tensor) => tf.sum(tf.square(z));
    expect(() => checkGradient(f, x, { h: 0 })).toThrow(DescentError);
    expect(() => checkGradient(f, x, { h: -1 })).toThrow(/h must be > 0, received -1/);
    expect(() => checkGradient(f, x, { tolerance: Number.NaN })).toThrow(/tolerance must be a finite number/);
    expect(() => checkGradient(f, x, { directions: 1.5 })).toThrow(/directions must be an integer/);
    expect(() => checkGradient(f, x, { coordinates: -1 })).toThrow(/coordinates must lie in/);
    expect(() => checkGradient(f, x, { directions: 0, coordinates: 0 })).toThrow(/nothing would be checked/);
    expect(() => checkGradient(f, x, { floor: -1 })).toThrow(/floor must be >= 0/);
    expect(() => checkGradient(f, x, { absoluteTolerance: -1 })).toThrow(/absoluteTolerance must be >= 0/);
    expect(() => checkGradient((z) => tf.square(z), x)).toThrow(/f must return a scalar/);
    expect(() => checkGradient(f, [] as tf.Tensor[])).toThrow(/x must contain at least one tensor/);
    x.dispose();
  });
});

// Rosenbrock function f(a, b) = (1 − a)² + 100 (b − a²)² and its gradient (textbook closed form)
const rosenbrock = (x: Float64Array) =>
  (1 - (x[0] as number)) ** 2 + 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2;
const rosenbrockGradient = (x: Float64Array) => {
  const [a, b] = [x[0] as number, x[1] as number];
  return Float64Array.from([-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]);
};

describe("checkGradient64 (hand-derived float64 gradient vs central differences)", () => {
  it("accepts the Rosenbrock gradient at several points to 1e-6", () => {
    for (const point of [
      [-1.2, 1],
      [0.3, -0.4],
      [1.1, 0.9],
    ]) {
      const result = checkGradient64(rosenbrock, rosenbrockGradient, Float64Array.from(point));
      expect(result.ok, `at ${point}`).toBe(true);
      expect(result.maxRelativeError).toBeLessThan(1e-6);
    }
  });

  it("at the minimum (1, 1), where ∇f = 0, needs absoluteTolerance: relative errors are meaningless there", () => {
    const at = Float64Array.from([1, 1]);
    expect(checkGradient64(rosenbrock, rosenbrockGradient, at).ok).toBe(false);
    const result = checkGradient64(rosenbrock, rosenbrockGradient, at, { absoluteTolerance: 1e-8 });
    expect(result.ok).toBe(true);
  });

  it("rejects a gradient with a dropped factor 2 in one term", () => {
    const wrong = (x: Float64Array) => {
      const g = rosenbrockGradient(x);
      g[0] = (g[0] as number) + (1 - (x[0] as number)); // −(1−a) instead of −2(1−a)
      return g;
    };
    const result = checkGradient64(rosenbrock, wrong, Float64Array.from([-1.2, 1]));
    expect(result.ok).toBe(false);
  });

  it("checks a 50-dimensional quadratic's gradient on 16 random coordinates and 3 directions by default", () => {
    const rng = new Rng(5);
    const c = rng.normalArray(50);
    const f = (x: Float64Array) => x.reduce((s, v, i) => s + 0.5 * (i + 1) * (v - (c[i] as number)) ** 2, 0);
    const g = (x: Float64Array) => Float64Array.from(x, (v, i) => (i + 1) * (v - (c[i] as number)));
    const result = checkGradient64(f, g, rng.normalArray(50));
    expect(result.ok).toBe(true);
    expect(result.details).toHaveLength(19);
  });

  it("validates x, grad's output and f's value, naming the parameter", () => {
    expect(() => checkGradient64(rosenbrock, rosenbrockGradient, new Float64Array(0))).toThrow(DescentError);
    expect(() => checkGradient64(rosenbrock, rosenbrockGradient, [1, 2] as unknown as Float64Array)).toThrow(
      /x must be a non-empty Float64Array/,
    );
    expect(() => checkGradient64(rosenbrock, rosenbrockGradient, Float64Array.from([1, Number.NaN]))).toThrow(
      /x must contain only finite values, found NaN at index 1/,
    );
    expect(() => checkGradient64(rosenbrock, () => new Float64Array(3), Float64Array.from([1, 2]))).toThrow(
      /grad must return a Float64Array of length 2, returned length 3/,
    );
    expect(() =>
      checkGradient64(() => Number.POSITIVE_INFINITY, rosenbrockGradient, Float64Array.from([1, 2])),
    ).toThrow(/f must return a finite number/);
    expect(() =>
      checkGradient64(rosenbrock, rosenbrockGradient, Float64Array.from([1, 2]), { h: 0 }),
    ).toThrow(/h must be > 0/);
  });
});
