import { describe, expect, it } from "vitest";
import { checkPartition, iidPartition, shardPartition } from "./partition.js";

describe("iidPartition", () => {
  it("covers every sample once, shares differ by at most one, seeded", () => {
    const p = iidPartition({ samples: 103, users: 10, seed: 1 });
    const all = p.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 103 }, (_, i) => i));
    expect(p.map((r) => r.length)).toEqual([11, 11, 11, 10, 10, 10, 10, 10, 10, 10]);
    expect(iidPartition({ samples: 103, users: 10, seed: 1 })).toEqual(p);
    expect(iidPartition({ samples: 103, users: 10, seed: 2 })).not.toEqual(p);
  });

  it("rejects fewer samples than users", () => {
    expect(() => iidPartition({ samples: 3, users: 4, seed: 1 })).toThrow(/samples/);
    expect(() => iidPartition({ samples: 10, users: 0, seed: 1 })).toThrow(/users/);
  });
});

describe("shardPartition (docs/method.md §e)", () => {
  // 10 classes of 100 samples, interleaved
  const labels = Int32Array.from({ length: 1000 }, (_, i) => i % 10);

  it("with 2N shards over sorted labels each user holds at most 2 classes, every sample once", () => {
    const p = shardPartition({ labels, users: 10, seed: 3 });
    expect(p.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    for (const rows of p) {
      expect(rows.length).toBe(100);
      expect(new Set(rows.map((i) => labels[i])).size).toBeLessThanOrEqual(2);
    }
    expect(shardPartition({ labels, users: 10, seed: 3 })).toEqual(p);
  });

  it("rejects too few samples, bad labels and bad counts", () => {
    expect(() => shardPartition({ labels: [0, 1, 2], users: 2, seed: 1 })).toThrow(/labels/);
    expect(() =>
      shardPartition({ labels: [0, Number.NaN, 2, 3], users: 2, shardsPerUser: 1, seed: 1 }),
    ).toThrow(/labels\[1\]/);
    expect(() => shardPartition({ labels, users: 2, shardsPerUser: 0, seed: 1 })).toThrow(/shardsPerUser/);
  });
});

describe("checkPartition", () => {
  it("rejects empty users and out-of-range indices", () => {
    expect(() => checkPartition([], 5)).toThrow(/partition/);
    expect(() => checkPartition([[0], []], 5)).toThrow(/partition\[1\]/);
    expect(() => checkPartition([[0, 7]], 5)).toThrow(/index 7/);
  });
});
