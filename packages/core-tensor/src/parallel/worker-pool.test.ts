import { describe, expect, it } from "vitest";
import { DescentError } from "../errors.js";
import { chunkRanges } from "./chunk-ranges.js";
import { WorkerPool } from "./worker-pool.js";

const fixture = new URL("./worker-pool.fixture.mjs", import.meta.url);
const task = (name: string) => ({ module: fixture, name });

describe("chunkRanges", () => {
  it("splits [0, n) into contiguous ranges covering it once, sizes differing by at most 1", () => {
    expect(chunkRanges(10, 3)).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 6 },
      { start: 6, end: 10 },
    ]);
    expect(chunkRanges(2, 4)).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
    ]);
    expect(chunkRanges(0, 3)).toEqual([]);
    expect(() => chunkRanges(5, 0)).toThrow(/chunks must lie in/);
    expect(() => chunkRanges(-1, 2)).toThrow(DescentError);
  });
});

describe("WorkerPool", () => {
  it("mapReduce gives the serial left-to-right sum bit for bit, for pool sizes 1 and 3", async () => {
    const ranges = chunkRanges(200_000, 12);
    let serial = 0;
    for (const { start, end } of ranges) {
      let s = 0;
      for (let i = start; i < end; i++) s += Math.sin(i) * 1e-3 + 1 / (i + 1);
      serial += s;
    }
    for (const size of [1, 3]) {
      const pool = await WorkerPool.create({ size });
      const progress: number[] = [];
      const total = await pool.mapReduce(task("partialSum"), ranges, (a: number, s: number) => a + s, 0, {
        onProgress: (done) => progress.push(done),
      });
      await pool.close();
      expect(total).toBe(serial);
      expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    }
  });

  it("returns outputs in input order although workers finish out of order; typed arrays cross threads", async () => {
    const pool = await WorkerPool.create({ size: 3 });
    expect(await pool.map(task("sleepThenReturn"), [60, 5, 30, 1])).toEqual([60, 5, 30, 1]);
    const [sq] = await pool.map<number[], Float64Array>(task("squares"), [[1, 2, 3]]);
    expect(sq).toBeInstanceOf(Float64Array);
    expect(Array.from(sq as Float64Array)).toEqual([1, 4, 9]);
    await pool.close();
  });

  it("rejects with the worker's error, and for a missing export", async () => {
    const pool = await WorkerPool.create({ size: 1 });
    await expect(pool.map(task("fail"), [7])).rejects.toThrow(/worker task failed: Error: bad input 7/);
    await expect(pool.map(task("notAFunction"), [1])).rejects.toThrow(/is not a function/);
    // the pool still works after failures
    expect(await pool.map(task("squares"), [[2]])).toEqual([Float64Array.from([4])]);
    await pool.close();
  });

  it("validates its arguments and refuses work after close", async () => {
    await expect(WorkerPool.create({ size: 0 })).rejects.toThrow(/size must lie in \[1, 256\], received 0/);
    const pool = await WorkerPool.create({ size: 1 });
    await expect(pool.map({ module: fixture, name: "" }, [1])).rejects.toThrow(
      /task.name must be a non-empty string/,
    );
    await expect(pool.map({ module: "", name: "x" }, [1])).rejects.toThrow(
      /task.module must be a URL or an absolute path/,
    );
    await expect(pool.map(task("squares"), 3 as unknown as number[])).rejects.toThrow(
      /inputs must be an array/,
    );
    await expect(pool.mapReduce(task("squares"), [], 0 as never, 0)).rejects.toThrow(
      /reduce must be a function/,
    );
    const controller = new AbortController();
    controller.abort();
    await expect(pool.map(task("squares"), [[1]], { signal: controller.signal })).rejects.toThrow(/aborted/);
    await pool.close();
    await expect(pool.map(task("squares"), [[1]])).rejects.toThrow(/closed/);
    await pool.close();
  });

  it("rejects when aborted while running", async () => {
    const pool = await WorkerPool.create({ size: 1 });
    const controller = new AbortController();
    const call = pool.map(task("sleepThenReturn"), [200, 200], { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toMatchObject({ code: "aborted" });
    await pool.close();
  });
});
