/**
 * What each page's default run must plot, checked on the data inside its vega views: which plots and data
 * sets to read, and the properties that data must have. A new page adds an entry here.
 */
import { expect } from "vitest";

export type PlotData = Record<string, Record<string, Record<string, unknown>[]>>;

export interface PageCheck {
  /** plot name → data set names to read from its vega view. */
  plots: Record<string, readonly string[]>;
  /** Whether the page computes with tfjs (used by the backend test). */
  usesTfjs: boolean;
  assert(data: PlotData): void;
}

const num = (v: unknown) => v as number;
const rows = (data: PlotData, plot: string, dataset: string) => data[plot]?.[dataset] ?? [];

export const pageChecks: Record<string, PageCheck> = {
  sabo: {
    plots: { "sabo-landscape": ["landscape", "paths", "ellipses", "samples"], "sabo-values": ["values"] },
    usesTfjs: false,
    assert(data) {
      // a 50×50 grid whose minimum is the sharp well (depth 1 at (−1, −1): F ≈ −1)
      const landscape = rows(data, "sabo-landscape", "landscape");
      expect(landscape).toHaveLength(50 * 50);
      expect(Math.min(...landscape.map((r) => num(r.f)))).toBeLessThan(-0.95);
      // three methods, each with a mean path of 1 + iterations points
      const paths = rows(data, "sabo-landscape", "paths");
      const methods = new Set(paths.map((r) => r.method));
      expect(methods.size).toBe(3);
      expect(paths).toHaveLength(3 * 121);
      // ellipses only for SABO and INGO (two rings of 49 points each)
      expect(rows(data, "sabo-landscape", "ellipses")).toHaveLength(2 * 2 * 49);
      const values = rows(data, "sabo-values", "values");
      expect(values).toHaveLength(3 * 121 * 2);
      for (const v of values) expect(Number.isFinite(num(v.value))).toBe(true);
      // every method improves its training value from the start
      for (const m of methods) {
        const train = values.filter((v) => v.method === m && v.objective === "F_train");
        const first = train.find((v) => v.iteration === 0);
        const last = train.find((v) => v.iteration === 120);
        expect(num(last?.value)).toBeLessThan(num(first?.value));
      }
    },
  },
};
