import { icosahedron13, lennardJones } from "@descent/hi-fm";
import { describe, expect, it } from "vitest";
import { histogram, ljHistograms, pairDistances } from "./lj-histograms.js";

describe("LJ histograms", () => {
  it("a histogram integrates to the fraction inside its window", () => {
    const h = histogram("u", [0.1, 0.2, 0.6, 0.9, 1.5, Number.POSITIVE_INFINITY], 0, 1, 4);
    const mass = h.y.reduce((a, b) => a + b, 0) * 0.25;
    expect(mass).toBeCloseTo(4 / 6, 12);
    expect(h.outside).toBeCloseTo(2 / 6, 12);
  });

  it("LJ13 icosahedron: 78 pair distances, 12 of them at the radius 0.96, no close pair", () => {
    const layout = { nParticles: 13, spaceDim: 3 } as const;
    const x = icosahedron13();
    const d = pairDistances([x], layout);
    expect(d.length).toBe(78);
    expect(d.filter((r) => Math.abs(r - 0.96) < 1e-9).length).toBe(12);
    const e = lennardJones({ layout });
    const { summary } = ljHistograms([{ name: "ico", samples: [x] }], e, layout, {
      energy: [-50, 0],
      distance: [0.5, 3],
    });
    expect(summary[0]?.closePairs).toBe(0);
    expect(summary[0]?.meanEnergy).toBeCloseTo(e.value(x), 12);
  });
});
