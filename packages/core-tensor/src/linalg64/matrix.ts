/**
 * The dense float64 matrix of descent: a row-major `Float64Array` with explicit `rows` and `cols`.
 * Every linalg64 kernel takes and returns this plain object, so matrices cross package boundaries
 * without a class and can be built over existing buffers without copying.
 *
 * @example
 * ```ts
 * const A = fromRows([[4, 2], [2, 3]]);
 * A.data[0 * A.cols + 1]; // 2, the entry (0, 1)
 * ```
 */
import { DescentError, describeValue } from "../errors.js";
import { allFinite } from "../validate.js";

/** A dense row-major float64 matrix: entry (i, j) is `data[i * cols + j]`. */
export interface Matrix64 {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** The `rows * cols` entries, row after row. */
  readonly data: Float64Array;
}

function assertDimension(value: number, parameter: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new DescentError(`${parameter} must be a non-negative integer, received ${describeValue(value)}`, {
      parameter,
      code: "shape",
    });
  }
}

/**
 * Creates a `rows × cols` matrix. Without `data` it is filled with zeros; with `data` (length
 * `rows * cols`, row-major) the matrix wraps that buffer without copying.
 *
 * @throws {DescentError} code `"shape"` when a dimension is not a non-negative integer or the data
 * length does not match.
 */
export function matrix64(rows: number, cols: number, data?: Float64Array | ArrayLike<number>): Matrix64 {
  assertDimension(rows, "rows");
  assertDimension(cols, "cols");
  if (data === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  if (data.length !== rows * cols) {
    throw new DescentError(
      `data must have length rows * cols = ${rows * cols} for a ${rows}×${cols} matrix, received length ${data.length}`,
      { parameter: "data", code: "shape" },
    );
  }
  return { rows, cols, data: data instanceof Float64Array ? data : Float64Array.from(data) };
}

/**
 * Builds a matrix from an array of equally long rows (copied).
 *
 * @throws {DescentError} code `"shape"` when the rows differ in length.
 */
export function fromRows(rows: readonly (readonly number[] | ArrayLike<number>)[]): Matrix64 {
  if (!Array.isArray(rows)) {
    throw new DescentError(`rows must be an array of rows, received ${describeValue(rows)}`, {
      parameter: "rows",
      code: "type",
    });
  }
  const m = rows.length;
  const first = m === 0 ? [] : (rows[0] as ArrayLike<number> | null | undefined);
  if (first === null || typeof first !== "object" || !Number.isInteger(first.length) || first.length < 0) {
    throw new DescentError(`rows[0] must be an array of numbers, received ${describeValue(first)}`, {
      parameter: "rows",
      code: "type",
    });
  }
  const n = first.length;
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const row = rows[i] as ArrayLike<number>;
    if (row === null || typeof row !== "object" || row.length !== n) {
      throw new DescentError(
        `rows[${i}] must have length ${n} like rows[0], received ${describeValue(row)}`,
        {
          parameter: "rows",
          code: "shape",
        },
      );
    }
    for (let j = 0; j < n; j++) data[i * n + j] = row[j] as number;
  }
  return { rows: m, cols: n, data };
}

/** Returns the rows of `A` as plain number arrays (for printing, JSON and tests). */
export function toRows(A: Matrix64): number[][] {
  assertMatrix(A, "A");
  const out: number[][] = [];
  for (let i = 0; i < A.rows; i++) out.push(Array.from(A.data.subarray(i * A.cols, (i + 1) * A.cols)));
  return out;
}

/** The `n × n` identity matrix. */
export function identity(n: number): Matrix64 {
  assertDimension(n, "n");
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return { rows: n, cols: n, data: I };
}

/** A square matrix with `values` on its diagonal. */
export function diagonalMatrix(values: ArrayLike<number>): Matrix64 {
  const n = values.length;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) D[i * n + i] = values[i] as number;
  return { rows: n, cols: n, data: D };
}

/** The diagonal of `A` (length `min(rows, cols)`). */
export function diagonal(A: Matrix64): Float64Array {
  assertMatrix(A, "A");
  const k = Math.min(A.rows, A.cols);
  const d = new Float64Array(k);
  for (let i = 0; i < k; i++) d[i] = A.data[i * A.cols + i] as number;
  return d;
}

/** A deep copy of `A`. */
export function cloneMatrix(A: Matrix64): Matrix64 {
  assertMatrix(A, "A");
  return { rows: A.rows, cols: A.cols, data: A.data.slice() };
}

/**
 * The transpose `Aᵀ` as a new matrix. Blocked in 32 × 32 tiles so that both the reads and the
 * writes stay in cache for large matrices (our choice of tile size).
 */
export function transpose(A: Matrix64): Matrix64 {
  assertMatrix(A, "A");
  return { rows: A.cols, cols: A.rows, data: transposeData(A.rows, A.cols, A.data) };
}

/** Swaps rows `i` and `j` of a row-major buffer whose rows have `width` entries (no validation). */
export function swapRowsInPlace(a: Float64Array, width: number, i: number, j: number): void {
  const ri = i * width;
  const rj = j * width;
  for (let t = 0; t < width; t++) {
    const tmp = a[ri + t] as number;
    a[ri + t] = a[rj + t] as number;
    a[rj + t] = tmp;
  }
}

/** Transposes a row-major `m × n` buffer into a new row-major `n × m` buffer (no validation). */
export function transposeData(m: number, n: number, a: Float64Array): Float64Array {
  const t = new Float64Array(m * n);
  const T = 32;
  for (let ii = 0; ii < m; ii += T) {
    const iEnd = Math.min(ii + T, m);
    for (let jj = 0; jj < n; jj += T) {
      const jEnd = Math.min(jj + T, n);
      for (let i = ii; i < iEnd; i++) {
        const row = i * n;
        for (let j = jj; j < jEnd; j++) t[j * m + i] = a[row + j] as number;
      }
    }
  }
  return t;
}

/**
 * Throws unless `A` is a well-formed {@link Matrix64} (integer dimensions, a `Float64Array` of
 * length `rows * cols`).
 */
export function assertMatrix(A: unknown, parameter: string): asserts A is Matrix64 {
  const M = A as Partial<Matrix64> | null | undefined;
  if (
    M === null ||
    typeof M !== "object" ||
    !(M.data instanceof Float64Array) ||
    !Number.isInteger(M.rows) ||
    !Number.isInteger(M.cols) ||
    (M.rows as number) < 0 ||
    (M.cols as number) < 0 ||
    M.data.length !== (M.rows as number) * (M.cols as number)
  ) {
    const got =
      M !== null && typeof M === "object" && "rows" in M
        ? `{rows: ${describeValue(M.rows)}, cols: ${describeValue(M.cols)}, data: ${describeValue(M.data)}}`
        : describeValue(A);
    throw new DescentError(
      `${parameter} must be a Matrix64 {rows, cols, data: Float64Array(rows*cols)}, received ${got}`,
      { parameter, code: "shape" },
    );
  }
}

/** Throws unless `A` is a square {@link Matrix64}. */
export function assertSquare(A: unknown, parameter: string): asserts A is Matrix64 {
  assertMatrix(A, parameter);
  if (A.rows !== A.cols) {
    throw new DescentError(`${parameter} must be square, received a ${A.rows}×${A.cols} matrix`, {
      parameter,
      code: "shape",
    });
  }
}

/** Throws unless every entry of `A` is finite, naming the first bad entry by (row, column). */
export function assertFiniteMatrix(A: Matrix64, parameter: string): void {
  const d = A.data;
  if (allFinite(d)) return;
  for (let i = 0; i < d.length; i++) {
    const v = d[i] as number;
    if (!Number.isFinite(v)) {
      const r = Math.floor(i / A.cols);
      throw new DescentError(
        `${parameter} must contain only finite values, found ${describeValue(v)} at (${r}, ${i - r * A.cols})`,
        { parameter, code: "finite" },
      );
    }
  }
}

/** Throws unless `x` is a `Float64Array` of length `n` (any length when `n` is undefined). */
export function assertVector64(x: unknown, parameter: string, n?: number): asserts x is Float64Array {
  if (!(x instanceof Float64Array)) {
    throw new DescentError(`${parameter} must be a Float64Array, received ${describeValue(x)}`, {
      parameter,
      code: "shape",
    });
  }
  if (n !== undefined && x.length !== n) {
    throw new DescentError(`${parameter} must have length ${n}, received length ${x.length}`, {
      parameter,
      code: "shape",
    });
  }
}

/** Throws unless every entry of `x` is finite, naming the first bad index. */
export function assertFiniteVector(x: Float64Array, parameter: string): void {
  if (allFinite(x)) return;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isFinite(v)) {
      throw new DescentError(
        `${parameter} must contain only finite values, found ${describeValue(v)} at index ${i}`,
        { parameter, code: "finite" },
      );
    }
  }
}
