import { initBackend, tf } from "@descent/core-tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { imageTensors } from "./image-tensors.js";
import { loadMnistFixture } from "./mnist-fixture.js";

describe("imageTensors", () => {
  beforeAll(async () => {
    await initBackend();
  });
  const ds = loadMnistFixture({ limit: 32 });

  it("makes [n, 784] float32 images and int32 labels with the same values", () => {
    const { x, y } = imageTensors(ds);
    expect(x.shape).toEqual([32, 784]);
    expect(x.dtype).toBe("float32");
    expect(y.dtype).toBe("int32");
    expect(Array.from(y.dataSync())).toEqual(Array.from(ds.labels));
    expect(x.dataSync()).toEqual(ds.images);
    x.dispose();
    y.dispose();
  });

  it("makes NHWC images and one-hot labels whose argmax is the label", () => {
    const { x, y } = imageTensors(ds, { layout: "nhwc", oneHot: true });
    expect(x.shape).toEqual([32, 28, 28, 1]);
    expect(y.shape).toEqual([32, 10]);
    const argmax = y.argMax(1);
    expect(Array.from(argmax.dataSync())).toEqual(Array.from(ds.labels));
    expect(y.sum().dataSync()[0]).toBe(32);
    tf.dispose([x, y, argmax]);
  });

  it("leaks no tensor over repeated calls once the caller disposes the results", () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      const t = imageTensors(ds, { oneHot: i % 2 === 0 });
      tf.dispose([t.x, t.y]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects an unknown layout", () => {
    expect(() => imageTensors(ds, { layout: "nchw" as "flat" })).toThrow(/layout must be one of/);
  });
});
