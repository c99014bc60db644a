import { describe, expect, it } from "vitest";
import { tf } from "./backend.js";
import { DescentError } from "./errors.js";
import { glorotUniformTensor, normalTensor, rademacherTensor, uniformTensor } from "./random-tensors.js";
import { Rng } from "./rng.js";
import { useBackend } from "./testing/backend-hooks.js";

describe.each(["wasm", "cpu"] as const)("seeded tensors on %s", (backend) => {
  useBackend(backend);

  it("the same seed gives the same values, and they are the Rng's draws rounded to float32", () => {
    const a = normalTensor(new Rng(3), [4, 5], 1, 2);
    const b = normalTensor(new Rng(3), [4, 5], 1, 2);
    expect(a.shape).toEqual([4, 5]);
    expect(a.dtype).toBe("float32");
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    const direct = new Rng(3).fillNormal(new Float32Array(20), 1, 2);
    expect(Array.from(a.dataSync())).toEqual(Array.from(direct));
    tf.dispose([a, b]);
  });

  it("uniforms lie in [low, high), Rademacher entries are ±1, Glorot's limit is √(6/(fanIn+fanOut))", () => {
    const u = uniformTensor(new Rng(1), [1000], -2, 3);
    const uv = u.dataSync();
    expect(Math.min(...uv)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...uv)).toBeLessThan(3);
    const r = rademacherTensor(new Rng(1), [200]);
    expect(new Set(r.dataSync())).toEqual(new Set([-1, 1]));
    // Glorot & Bengio (2010), eq. (16): U[−√6/√(n_in + n_out), √6/√(n_in + n_out)]
    const g = glorotUniformTensor(new Rng(1), 20, 10);
    const limit = Math.sqrt(6 / 30);
    expect(g.shape).toEqual([20, 10]);
    expect(Math.max(...g.dataSync().map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...g.dataSync().map(Math.abs))).toBeGreaterThan(0.9 * limit);
    tf.dispose([u, r, g]);
  });

  it("each call creates exactly its result tensor (no leak over a loop)", () => {
    const rng = new Rng(2);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      tf.dispose([
        normalTensor(rng, [3, 3]),
        uniformTensor(rng, [3]),
        rademacherTensor(rng, [2, 2]),
        glorotUniformTensor(rng, 3, 2),
      ]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("seeded tensors reject bad input, naming the parameter", () => {
  const rng = new Rng(0);
  it.each([
    ["a fractional dimension", () => normalTensor(rng, [2, 1.5]), "shape[1]"],
    ["a negative dimension", () => uniformTensor(rng, [-1]), "shape[0]"],
    ["a NaN mean", () => normalTensor(rng, [2], Number.NaN, 1), "mean"],
    ["a negative std", () => normalTensor(rng, [2], 0, -1), "std"],
    ["an infinite bound", () => uniformTensor(rng, [2], 0, Number.POSITIVE_INFINITY), "high"],
    ["high below low", () => uniformTensor(rng, [2], 1, 0), "high"],
    ["fanIn 0", () => glorotUniformTensor(rng, 0, 3), "fanIn"],
    ["a negative fanOut", () => glorotUniformTensor(rng, 3, -2), "fanOut"],
  ])("%s", (_, call, parameter) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DescentError);
    expect((error as DescentError).parameter).toBe(parameter);
  });
});
