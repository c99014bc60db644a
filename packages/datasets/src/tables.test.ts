import { describe, expect, it } from "vitest";
import { classCounts } from "./image-dataset.js";
import { randomSplit } from "./splits.js";
import {
  loadBreastCancerTable,
  loadDiabetesTable,
  loadDigitsTable,
  loadIrisTable,
  loadTable,
  loadWineTable,
  selectRows,
  shortestFloat32Decimal,
} from "./tables.js";

// Reference values: the UCI repository files and scikit-learn's load_* documentation
// (shapes, class counts, first rows, diabetes target range 25–346).
describe("small real tables (deepbox/datasets)", () => {
  it("iris: 150 × 4, row 0 = 5.1, 3.5, 1.4, 0.2, 50 per class", () => {
    const iris = loadIrisTable();
    expect([iris.rows, iris.cols]).toEqual([150, 4]);
    expect(Array.from(iris.features.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(Array.from(classCounts(iris.labels, 3))).toEqual([50, 50, 50]);
    expect(iris.classNames).toEqual(["setosa", "versicolor", "virginica"]);
  });

  it("wine: 178 × 13, first alcohol 14.23, classes 59 / 71 / 48", () => {
    const wine = loadWineTable();
    expect([wine.rows, wine.cols]).toEqual([178, 13]);
    expect(wine.features[0]).toBe(14.23);
    expect(Array.from(classCounts(wine.labels, 3))).toEqual([59, 71, 48]);
  });

  it("breast cancer: 569 × 30, first mean radius 17.99, 212 malignant / 357 benign", () => {
    const bc = loadBreastCancerTable();
    expect([bc.rows, bc.cols]).toEqual([569, 30]);
    expect(Array.from(bc.features.subarray(0, 3))).toEqual([17.99, 10.38, 122.8]);
    expect(Array.from(classCounts(bc.labels, 2))).toEqual([212, 357]);
  });

  it("diabetes: 442 × 10 centred features, target in [25, 346] starting 151, 75", () => {
    const d = loadDiabetesTable();
    expect([d.rows, d.cols]).toEqual([442, 10]);
    expect(Array.from(d.target.subarray(0, 2))).toEqual([151, 75]);
    expect(Math.min(...d.target)).toBe(25);
    expect(Math.max(...d.target)).toBe(346);
    // scikit-learn scales each column to mean 0 and unit sum of squares
    for (let j = 0; j < d.cols; j++) {
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < d.rows; i++) {
        const v = d.features[i * d.cols + j] as number;
        sum += v;
        sq += v * v;
      }
      expect(Math.abs(sum / d.rows)).toBeLessThan(1e-6);
      expect(sq).toBeCloseTo(1, 4);
    }
  });

  it("digits: 1797 × 64 with integer values 0–16", () => {
    const digits = loadDigitsTable();
    expect([digits.rows, digits.cols]).toEqual([1797, 64]);
    expect(digits.features.every((v) => Number.isInteger(v) && v >= 0 && v <= 16)).toBe(true);
    expect(Array.from(digits.labels.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
  });

  it("loadTable dispatches by name and rejects unknown names", () => {
    expect(loadTable("iris").rows).toBe(150);
    expect(() => loadTable("mnist" as "iris")).toThrow(/name must be one of/);
  });

  it("selectRows keeps rows and labels aligned and rejects bad indices", () => {
    const iris = loadIrisTable();
    const { train, test } = randomSplit(iris.rows, { seed: 1, trainFraction: 0.7 });
    const tr = selectRows(iris, train);
    expect(tr.rows).toBe(105);
    expect(selectRows(iris, test).rows).toBe(45);
    const i = train[3] as number;
    expect(Array.from(tr.features.subarray(12, 16))).toEqual(
      Array.from(iris.features.subarray(4 * i, 4 * i + 4)),
    );
    expect(tr.labels[3]).toBe(iris.labels[i]);
    const d = selectRows(loadDiabetesTable(), [1, 0]);
    expect(Array.from(d.target)).toEqual([75, 151]);
    expect(() => selectRows(iris, [150])).toThrow(/indices\[0\]/);
  });

  it("shortestFloat32Decimal recovers the decimal a float32 was rounded from", () => {
    for (const v of [5.1, 17.99, 122.8, 0.2776, 0.000123, -0.04422])
      expect(shortestFloat32Decimal(Math.fround(v))).toBe(v);
    expect(shortestFloat32Decimal(3)).toBe(3);
    // any float32 maps back to itself
    for (let i = 0; i < 200; i++) {
      const f = Math.fround(Math.sin(i) * 10 ** ((i % 9) - 4));
      expect(Math.fround(shortestFloat32Decimal(f))).toBe(f);
    }
  });
});
