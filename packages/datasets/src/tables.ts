/**
 * The small real tables that `deepbox@1.0.0` ships (`deepbox/datasets`; it declares Node ≥ 24 but this
 * subpath runs on Node 20, core-tensor platform notes §4): iris, wine, breast cancer (UCI), diabetes (Efron et
 * al. 2004, as distributed by scikit-learn) and the 8×8 UCI digits. Used by the adversarial-linear demos.
 *
 * deepbox stores the values as float32. We hand them out as `Float64Array`, each value replaced by the
 * shortest decimal that rounds to the same float32 (our choice): this restores the published decimals
 * (iris 5.1 instead of 5.099999904632568) without inventing digits.
 */
import { DescentError } from "@descent/core-tensor";
import { loadBreastCancer, loadDiabetes, loadDigits, loadIris, loadWine } from "deepbox/datasets";
import { gatherRows } from "./gather-rows.js";

/** Fields shared by every table: a row-major `rows × cols` feature matrix. */
interface TableBase {
  /** Short name, e.g. `"iris"`. */
  readonly name: string;
  /** `rows · cols` values, row-major (row `i` starts at `i · cols`). */
  readonly features: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly featureNames: readonly string[];
}

/** A classification table: integer labels `0 … classNames.length − 1`. */
export interface ClassificationTable extends TableBase {
  readonly labels: Int32Array;
  readonly classNames: readonly string[];
}

/** A regression table: a real-valued target per row. */
export interface RegressionTable extends TableBase {
  readonly target: Float64Array;
}

/** Any of the tables. */
export type Table = ClassificationTable | RegressionTable;

/** The names {@link loadTable} accepts. */
export type TableName = "iris" | "wine" | "breast-cancer" | "diabetes" | "digits";

interface DeepboxTensor {
  readonly shape: readonly number[];
  toArray(): unknown;
}

interface DeepboxDataset {
  data: DeepboxTensor;
  target: DeepboxTensor;
  featureNames: string[];
  targetNames?: string[];
}

/** The shortest decimal that rounds to the same float32 as `v` (at most 9 significant digits). */
export function shortestFloat32Decimal(v: number): number {
  if (!Number.isFinite(v) || Number.isInteger(v)) return v;
  const f = Math.fround(v);
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return candidate;
  }
  return Number(f.toPrecision(9));
}

function flatten(tensor: DeepboxTensor, name: string): { values: Float64Array; rows: number; cols: number } {
  const [rows = 0, cols = 1] = tensor.shape;
  const nested = tensor.toArray();
  const flat = (Array.isArray(nested) ? nested.flat() : []) as number[];
  if (flat.length !== rows * cols) {
    throw new DescentError(
      `deepbox's ${name} table has shape [${tensor.shape.join(", ")}] but ${flat.length} values`,
      {
        code: "format",
      },
    );
  }
  return { values: Float64Array.from(flat, shortestFloat32Decimal), rows, cols };
}

function classification(name: string, source: DeepboxDataset): ClassificationTable {
  const { values, rows, cols } = flatten(source.data, name);
  const labels = Int32Array.from((source.target.toArray() as number[]).flat());
  const classNames = source.targetNames ?? [...new Set(labels)].sort((a, b) => a - b).map(String);
  return { name, features: values, rows, cols, featureNames: source.featureNames, labels, classNames };
}

function regression(name: string, source: DeepboxDataset): RegressionTable {
  const { values, rows, cols } = flatten(source.data, name);
  const target = flatten(source.target, name).values;
  return { name, features: values, rows, cols, featureNames: source.featureNames, target };
}

/** Fisher's iris: 150 × 4, classes setosa / versicolor / virginica (50 each). */
export function loadIrisTable(): ClassificationTable {
  return classification("iris", loadIris());
}

/** UCI wine recognition: 178 × 13 chemical features, 3 cultivars (59 / 71 / 48). */
export function loadWineTable(): ClassificationTable {
  return classification("wine", loadWine());
}

/** Wisconsin diagnostic breast cancer: 569 × 30, malignant (0, 212) / benign (1, 357). */
export function loadBreastCancerTable(): ClassificationTable {
  return classification("breast-cancer", loadBreastCancer());
}

/** Diabetes (Efron et al. 2004): 442 × 10 scaled features, target = disease progression (25–346). */
export function loadDiabetesTable(): RegressionTable {
  return regression("diabetes", loadDiabetes());
}

/** UCI optical digits: 1797 images of 8 × 8 with values 0–16, classes 0–9. */
export function loadDigitsTable(): ClassificationTable {
  return classification("digits", loadDigits());
}

/** Loads a table by name (for demos that take the data set as a parameter). */
export function loadTable(name: TableName): Table {
  switch (name) {
    case "iris":
      return loadIrisTable();
    case "wine":
      return loadWineTable();
    case "breast-cancer":
      return loadBreastCancerTable();
    case "diabetes":
      return loadDiabetesTable();
    case "digits":
      return loadDigitsTable();
    default:
      throw new DescentError(
        `name must be one of "iris", "wine", "breast-cancer", "diabetes", "digits", received ${JSON.stringify(name)}`,
        { parameter: "name", code: "enum" },
      );
  }
}

/** A new table with the rows at `indices`, in that order (e.g. the `train` of a {@link randomSplit}). */
export function selectRows<T extends Table>(table: T, indices: ArrayLike<number>): T {
  const { cols } = table;
  const features = gatherRows(
    table.features,
    cols,
    table.rows,
    indices,
    new Float64Array(indices.length * cols),
  );
  if ("labels" in table) {
    const labels = Int32Array.from(
      { length: indices.length },
      (_, k) => table.labels[indices[k] as number] as number,
    );
    return { ...table, features, rows: indices.length, labels };
  }
  const target = Float64Array.from(
    { length: indices.length },
    (_, k) => table.target[indices[k] as number] as number,
  );
  return { ...table, features, rows: indices.length, target };
}
