import { describe, expect, it } from "vitest";
import { truncatedSurrogate } from "./truncated-surrogate.js";

const q = (a: number) => Math.sin(5 * a) + 0.5 * a;

function strictLocalMaxima(values: number[]): number {
  let n = 0;
  for (let i = 1; i + 1 < values.length; i++) {
    if (
      (values[i] as number) > (values[i - 1] as number) &&
      (values[i] as number) > (values[i + 1] as number)
    )
      n += 1;
  }
  return n;
}

describe("truncatedSurrogate (Ψ_i of SAVO on Q(a) = sin 5a + 0.5a, a_0 = −0.9)", () => {
  const psi = truncatedSurrogate(q, [-0.9]);
  const grid = Array.from({ length: 2001 }, (_, i) => -1 + i / 1000);

  it("equals max(Q(a), Q(−0.9)) on a grid and lies above Q everywhere", () => {
    const plateau = q(-0.9);
    for (const a of grid) {
      expect(psi(a)).toBe(Math.max(q(a), plateau));
      expect(psi(a)).toBeGreaterThanOrEqual(q(a));
    }
  });

  it("has no more strict local maxima than Q on a fine grid, and fewer once a proposal sits on a trap", () => {
    const mq = strictLocalMaxima(grid.map(q));
    const mpsi = strictLocalMaxima(grid.map(psi));
    expect(mpsi).toBeLessThanOrEqual(mq);
    // with a_0 at Q's lower local maximum (the grid's best point left of 0), it dissolves into the plateau
    const left = grid.filter((a) => a < 0);
    const trap = left.reduce((best, a) => (q(a) > q(best) ? a : best), left[0] as number);
    const atTrap = truncatedSurrogate(q, [trap]);
    expect(strictLocalMaxima(grid.map(atTrap))).toBe(mq - 1);
  });

  it("Ψ_0 (no earlier proposals) is Q itself; rejects a non-function", () => {
    const psi0 = truncatedSurrogate(q, []);
    for (const a of [-0.7, 0, 0.3]) expect(psi0(a)).toBe(q(a));
    expect(() => truncatedSurrogate(null as unknown as (a: number) => number, [])).toThrow(/q/);
  });
});
