import { cidentity } from "@descent/core-tensor";
import { afterEach, describe, expect, it } from "vitest";
import { balancedMetric } from "./balanced-metric.js";
import { computeJets, computeSections, evaluateJets, evaluateSections } from "./jets.js";
import { learnSubspace } from "./learn.js";
import { lossGradient } from "./loss-gradient.js";
import { samplePoints } from "./sample-points.js";
import { sectionBasis } from "./section-basis.js";
import { clearSectionTables, sectionTableLimit, setSectionTableLimit } from "./section-table.js";
import { sigma } from "./sigma-measure.js";

const DEFAULT_LIMIT = sectionTableLimit();

describe("tabulated sections", () => {
  afterEach(() => setSectionTableLimit(DEFAULT_LIMIT));
  const cloud = samplePoints({ psi: 0.5, nPoints: 700, seed: 5 });
  const basis = sectionBasis(3);

  it("views into the table equal the direct evaluation bit for bit, on any range", () => {
    for (const [a, b] of [
      [0, 700],
      [13, 14],
      [200, 650],
    ] as const) {
      const s = evaluateSections(cloud, basis, a, b);
      const sd = computeSections(cloud, basis, a, b);
      expect(s.rows).toBe(b - a);
      expect(Array.from(s.re)).toEqual(Array.from(sd.re));
      expect(Array.from(s.im)).toEqual(Array.from(sd.im));
      const y = evaluateJets(cloud, basis, a, b);
      const yd = computeJets(cloud, basis, a, b);
      expect(y.rows).toBe(4 * (b - a));
      expect(Array.from(y.re)).toEqual(Array.from(yd.re));
      expect(Array.from(y.im)).toEqual(Array.from(yd.im));
    }
    // a second basis on the same cloud replaces the table rather than reading the old one
    const b2 = sectionBasis(2);
    expect(Array.from(evaluateSections(cloud, b2, 0, 5).re)).toEqual(
      Array.from(computeSections(cloud, b2, 0, 5).re),
    );
  });

  it("Donaldson, σ, gradients and a learning run give identical bits with and without tables", () => {
    const run = () => {
      const H = balancedMetric(cloud, basis, { iterations: 3 }).H;
      const s = sigma(cloud, basis, H).sigma;
      const g = lossGradient(cloud, sectionBasis(2), { W: cidentity(15), h: cidentity(15) }, "sigma");
      const l = learnSubspace(cloud, sectionBasis(2), { method: "A", m: 8, seed: 1, steps: 2 });
      return { H: Array.from(H.re), s, g: Array.from(g.gradH.re), l: l.history.map((e) => e.trainLoss) };
    };
    clearSectionTables(cloud);
    const tabulatedRun = run();
    setSectionTableLimit(0);
    const direct = run();
    expect(tabulatedRun).toEqual(direct);
  });

  it("rejects a bad limit, naming it", () => {
    expect(() => setSectionTableLimit(-1)).toThrow(/bytes/);
    expect(() => setSectionTableLimit(1.5)).toThrow(/bytes/);
  });
});
