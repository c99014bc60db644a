import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { etaTrickWeights } from "./eta-trick.js";

describe("η-trick identity (docs/method.md §f.5)", () => {
  const rng = new Rng(21);
  it("(Σa)² = Σ a²/η at η = a/Σa, and ≤ Σ a²/η for random η in the simplex", () => {
    for (let trial = 0; trial < 50; trial++) {
      const m = 1 + rng.int(0, 10);
      const a = rng.uniformArray(m, 0, 3);
      const eta = etaTrickWeights(a, 0);
      const sum = a.reduce((s, v) => s + v, 0);
      const at = a.reduce((s, v, k) => s + (v * v) / (eta[k] as number), 0);
      expect(at).toBeCloseTo(sum * sum, 10);
      expect(eta.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
      const r = rng.dirichlet(new Float64Array(m).fill(1));
      const other = a.reduce((s, v, k) => s + (v * v) / (r[k] as number), 0);
      expect(sum * sum).toBeLessThanOrEqual(other * (1 + 1e-12));
    }
  });
  it("keeps every weight positive for zero entries thanks to the smoothing ε", () => {
    const eta = etaTrickWeights([0, 1, 0]);
    expect(eta[0]).toBeGreaterThan(0);
    expect(Math.abs((eta[0] as number) / 1e-10 - 1)).toBeLessThan(1e-9);
  });
  it("validates its input", () => {
    expect(() => etaTrickWeights([])).toThrow(/values must not be empty/);
    expect(() => etaTrickWeights([1, Number.NaN])).toThrow(/values must contain only finite/);
    expect(() => etaTrickWeights([1], -1)).toThrow(/smoothing must be >= 0/);
  });
});
