import { describe, expect, it } from "vitest";
import { balancedMetric } from "./balanced-metric.js";
import { balancedMetricParallel, createTOperatorPool } from "./node.js";
import { samplePoints } from "./sample-points.js";
import { sectionBasis } from "./section-basis.js";
import { tOperator } from "./t-operator.js";

describe("worker-thread T-operator (/node entry)", () => {
  const cloud = samplePoints({ psi: 0.5, nPoints: 3000, seed: 6 });
  const basis = sectionBasis(2);

  it("M(H) and the balanced H on 2 workers are bit-identical to the single-threaded results", async () => {
    const H = balancedMetric(cloud, basis, { iterations: 1 }).H;
    const ref = tOperator(cloud, basis, H, { chunkPoints: 500 });
    const pool = await createTOperatorPool({ workers: 2 });
    try {
      const M = await pool.tOperator(cloud, basis, H, { chunkPoints: 500 });
      expect(Array.from(M.re)).toEqual(Array.from(ref.re));
      expect(Array.from(M.im)).toEqual(Array.from(ref.im));
      // the second call reads the shared section table filled by the first, here under another chunking
      const ref2 = tOperator(cloud, basis, H, { chunkPoints: 700 });
      const M2 = await pool.tOperator(cloud, basis, H, { chunkPoints: 700 });
      expect(Array.from(M2.re)).toEqual(Array.from(ref2.re));
      expect(Array.from(M2.im)).toEqual(Array.from(ref2.im));
      const a = balancedMetric(cloud, basis, { iterations: 3 });
      const b = await balancedMetricParallel(cloud, basis, { iterations: 3, pool });
      expect(b.iterations).toBe(a.iterations);
      expect(Array.from(b.H.re)).toEqual(Array.from(a.H.re));
      expect(Array.from(b.H.im)).toEqual(Array.from(a.H.im));
    } finally {
      await pool.close();
    }
  });

  it("rejects a bad worker count, naming workers", async () => {
    await expect(createTOperatorPool({ workers: 0 })).rejects.toThrow(/workers/);
  });
});
