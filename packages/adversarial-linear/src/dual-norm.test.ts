import { describe, expect, it } from "vitest";
import { attackNorm, dualNorm, dualNormMaximiser } from "./dual-norm.js";

describe("dual norms of the attack (docs/method.md §b)", () => {
  const beta = [3, -4, 0];

  it("pairs ℓ∞ attacks with ‖β‖₁ and ℓ2 attacks with ‖β‖₂ (Hölder duality)", () => {
    expect(dualNorm(beta, "linf")).toBe(7);
    expect(dualNorm(beta, "l2")).toBe(5);
    expect(attackNorm(beta, "linf")).toBe(4);
    expect(attackNorm(beta, "l2")).toBe(5);
  });

  it("the maximiser u lies in the unit attack ball and attains uᵀβ = ‖β‖_*", () => {
    for (const attack of ["linf", "l2"] as const) {
      const u = dualNormMaximiser(beta, attack, new Float64Array(3));
      expect(attackNorm(u, attack)).toBeCloseTo(1, 14);
      const inner = u.reduce((s, ui, j) => s + ui * (beta[j] as number), 0);
      expect(inner).toBeCloseTo(dualNorm(beta, attack), 14);
    }
  });

  it("rejects an unknown attack instead of silently treating it as ℓ2", () => {
    // @ts-expect-error: a wrong attack name from untyped callers
    expect(() => dualNorm(beta, "l1")).toThrow(/attack/);
    // @ts-expect-error: idem
    expect(() => attackNorm(beta, "inf")).toThrow(/attack/);
    // @ts-expect-error: idem
    expect(() => dualNormMaximiser(beta, "L2", new Float64Array(3))).toThrow(/attack/);
  });
});
