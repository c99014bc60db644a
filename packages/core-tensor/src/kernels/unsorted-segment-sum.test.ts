import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { Rng } from "../rng.js";
import { maxAbsDiff } from "../testing/array-differences.js";

async function onBoth<T>(fn: () => T): Promise<{ cpu: T; wasm: T }> {
  await initBackend({ backend: "cpu" });
  const cpu = fn();
  await initBackend({ backend: "wasm" });
  const wasm = fn();
  return { cpu, wasm };
}

describe("UnsortedSegmentSum on wasm (one-hot matrix product)", () => {
  beforeAll(async () => {
    await initBackend();
  });
  afterAll(async () => {
    await initBackend();
  });

  it("is registered for wasm by initBackend", () => {
    expect(tf.getKernel("UnsortedSegmentSum", "wasm")).toBeDefined();
  });

  it("tf.unsortedSegmentSum matches the cpu kernel for float32 and int32, rank 3, unused segments", async () => {
    const data = Float32Array.from(new Rng(3).normalArray(6 * 2 * 3));
    const ids = [0, 2, 2, 4, 0, 1];
    const { cpu, wasm } = await onBoth(() =>
      tf.tidy(() => {
        const x = tf.tensor3d(data, [6, 2, 3]);
        const xi = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [6, 2], "int32");
        const s = tf.unsortedSegmentSum(x, tf.tensor1d(ids, "int32"), 6);
        const si = tf.unsortedSegmentSum(xi, tf.tensor1d(ids, "int32"), 5);
        return { shape: s.shape, s: s.dataSync(), si: Array.from(si.dataSync()), dtype: si.dtype };
      }),
    );
    expect(wasm.shape).toEqual([6, 2, 3]);
    expect(maxAbsDiff(wasm.s, cpu.s)).toBeLessThan(1e-6);
    expect(wasm.si).toEqual(cpu.si);
    expect(wasm.dtype).toBe("int32");
    // by hand: segment 2 = rows 1 + 2 = (3+5, 4+6); segment 3 is empty
    expect(wasm.si.slice(4, 8)).toEqual([8, 10, 0, 0]);
  });

  it("makes the gradient of tf.gather with respect to params work, equal to cpu (axis 0 and 1, repeated indices)", async () => {
    const rng = new Rng(4);
    const params = Float32Array.from(rng.normalArray(10 * 4));
    const weights0 = Float32Array.from(rng.normalArray(5 * 4));
    const weights1 = Float32Array.from(rng.normalArray(10 * 3));
    const { cpu, wasm } = await onBoth(() =>
      tf.tidy(() => {
        const p = tf.tensor2d(params, [10, 4]);
        const g0 = tf.grad((q: tf.Tensor) =>
          tf.sum(tf.mul(tf.gather(q, tf.tensor1d([3, 1, 3, 7, 3], "int32")), tf.tensor2d(weights0, [5, 4]))),
        )(p);
        const g1 = tf.grad((q: tf.Tensor) =>
          tf.sum(tf.mul(tf.gather(q, tf.tensor1d([2, 2, 0], "int32"), 1), tf.tensor2d(weights1, [10, 3]))),
        )(p);
        return [g0.dataSync(), g1.dataSync()];
      }),
    );
    expect(maxAbsDiff(wasm[0] as Float32Array, cpu[0] as Float32Array)).toBeLessThan(1e-6);
    expect(maxAbsDiff(wasm[1] as Float32Array, cpu[1] as Float32Array)).toBeLessThan(1e-6);
    // row 3 was gathered three times: its gradient is the sum of rows 0, 2, 4 of the weights
    const row3 = Array.from({ length: 4 }, (_, j) =>
      [0, 2, 4].reduce((s, r) => s + (weights0[r * 4 + j] as number), 0),
    );
    expect(maxAbsDiff((wasm[0] as Float32Array).slice(12, 16), row3)).toBeLessThan(1e-6);
  });
});
