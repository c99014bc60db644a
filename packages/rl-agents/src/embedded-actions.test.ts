import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { embeddedActionSpec, nearestItem, nearestNeighbors } from "./embedded-actions.js";

// items 0..4 on a line in ℝ²; items 1 and 3 are duplicates of each other's distance from 2
const spec = embeddedActionSpec(Float32Array.of(0, 0, 1, 0, 2, 0, 3, 0, 1, 0), 2);

describe("nearestNeighbors (1-NN mapping of proto-actions)", () => {
  it("maps a proto-action equal to an item embedding to that item", () => {
    expect(nearestNeighbors([2, 0], spec, 1)[0]).toBe(2);
    expect(nearestItem([3, 0], spec)).toBe(3);
  });

  it("breaks ties by the lowest index (items 1 and 4 share an embedding; 0.5 is equidistant from 0 and 1)", () => {
    expect(nearestNeighbors([1, 0], spec, 1)[0]).toBe(1);
    expect(nearestItem([1, 0], spec)).toBe(1);
    expect(nearestNeighbors([0.5, 0], spec, 1)[0]).toBe(0);
    expect(nearestItem([0.5, 0], spec)).toBe(0);
    expect(Array.from(nearestNeighbors([1, 0.1], spec, 3))).toEqual([1, 4, 0]);
  });

  it("returns the k nearest, nearest first, and agrees with a full sort", () => {
    expect(Array.from(nearestNeighbors([2.9, 0], spec, 5))).toEqual([3, 2, 1, 4, 0]);
  });

  it("rejects an empty item set, a wrong proto length and k outside [1, n], naming the parameter", () => {
    expect(() => embeddedActionSpec(new Float32Array(0), 2)).toThrow(/embeddings/);
    expect(() => nearestNeighbors([1], spec, 1)).toThrow(/proto/);
    expect(() => nearestNeighbors([1, 0], spec, 0)).toThrow(DescentError);
    expect(() => nearestNeighbors([1, 0], spec, 6)).toThrow(/k/);
    expect(() =>
      nearestNeighbors([1, 0], { kind: "embedded", embeddings: new Float32Array(0), n: 0, dim: 2 }, 1),
    ).toThrow(/spec\.n/);
  });
});
