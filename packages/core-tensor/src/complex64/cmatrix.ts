/**
 * The dense complex float64 matrix of descent on split storage: real and imaginary parts in two
 * row-major `Float64Array`s. Split storage keeps every kernel a pair of real loops (no interleaved
 * strides) and lets real kernels (the blocked GEMM) work on each part directly.
 *
 * @example
 * ```ts
 * const H = cmatrixFromRows([[2, 0], [0, 3]], [[0, 1], [-1, 0]]); // [[2, i], [−i, 3]]
 * ```
 */
import { DescentError, describeValue } from "../errors.js";

/** A dense row-major complex matrix: entry (i, j) is `re[i*cols + j] + i·im[i*cols + j]`. */
export interface CMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Real parts, row after row. */
  readonly re: Float64Array;
  /** Imaginary parts, row after row. */
  readonly im: Float64Array;
}

/**
 * A `rows × cols` complex matrix, zero unless `re`/`im` are given (wrapped without copying; `im`
 * defaults to zeros).
 *
 * @throws {DescentError} code `"shape"` on a bad dimension or a part of the wrong length.
 */
export function cmatrix(rows: number, cols: number, re?: Float64Array, im?: Float64Array): CMatrix {
  for (const [v, name] of [
    [rows, "rows"],
    [cols, "cols"],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) {
      throw new DescentError(`${name} must be a non-negative integer, received ${describeValue(v)}`, {
        parameter: name,
        code: "shape",
      });
    }
  }
  const size = rows * cols;
  for (const [part, name] of [
    [re, "re"],
    [im, "im"],
  ] as const) {
    if (part !== undefined && (!(part instanceof Float64Array) || part.length !== size)) {
      throw new DescentError(
        `${name} must be a Float64Array of length ${size}, received ${describeValue(part)}`,
        {
          parameter: name,
          code: "shape",
        },
      );
    }
  }
  return { rows, cols, re: re ?? new Float64Array(size), im: im ?? new Float64Array(size) };
}

/** Builds a complex matrix from rows of real parts and (optionally) rows of imaginary parts. */
export function cmatrixFromRows(
  reRows: readonly (readonly number[])[],
  imRows?: readonly (readonly number[])[],
): CMatrix {
  const m = reRows.length;
  const n = m === 0 ? 0 : (reRows[0] as readonly number[]).length;
  const out = cmatrix(m, n);
  for (const [rowsOf, part, name] of [
    [reRows, out.re, "reRows"],
    [imRows, out.im, "imRows"],
  ] as const) {
    if (rowsOf === undefined) continue;
    if (rowsOf.length !== m) {
      throw new DescentError(`${name} must have ${m} rows, received ${rowsOf.length}`, {
        parameter: name,
        code: "shape",
      });
    }
    for (let i = 0; i < m; i++) {
      const row = rowsOf[i] as readonly number[];
      if (row.length !== n) {
        throw new DescentError(`${name}[${i}] must have length ${n}, received length ${row.length}`, {
          parameter: name,
          code: "shape",
        });
      }
      for (let j = 0; j < n; j++) part[i * n + j] = row[j] as number;
    }
  }
  return out;
}

/** The `n × n` complex identity. */
export function cidentity(n: number): CMatrix {
  const I = cmatrix(n, n);
  for (let i = 0; i < n; i++) I.re[i * n + i] = 1;
  return I;
}

/** The conjugate transpose `Aᴴ` as a new matrix. */
export function conjugateTranspose(A: CMatrix): CMatrix {
  assertCMatrix(A, "A");
  const m = A.rows;
  const n = A.cols;
  const out = cmatrix(n, m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      out.re[j * m + i] = A.re[i * n + j] as number;
      out.im[j * m + i] = -(A.im[i * n + j] as number);
    }
  return out;
}

/** Throws unless `A` is a well-formed {@link CMatrix}. */
export function assertCMatrix(A: unknown, parameter: string): asserts A is CMatrix {
  const M = A as Partial<CMatrix> | null | undefined;
  const ok =
    M !== null &&
    typeof M === "object" &&
    Number.isInteger(M.rows) &&
    Number.isInteger(M.cols) &&
    (M.rows as number) >= 0 &&
    (M.cols as number) >= 0 &&
    M.re instanceof Float64Array &&
    M.im instanceof Float64Array &&
    M.re.length === (M.rows as number) * (M.cols as number) &&
    M.im.length === M.re.length;
  if (!ok) {
    throw new DescentError(
      `${parameter} must be a CMatrix {rows, cols, re, im: Float64Array(rows*cols)}, received ${describeValue(A)}`,
      { parameter, code: "shape" },
    );
  }
}

/** Throws unless `A` is a square {@link CMatrix} with finite entries. */
export function assertSquareFiniteCMatrix(A: unknown, parameter: string): asserts A is CMatrix {
  assertCMatrix(A, parameter);
  if (A.rows !== A.cols) {
    throw new DescentError(`${parameter} must be square, received a ${A.rows}×${A.cols} matrix`, {
      parameter,
      code: "shape",
    });
  }
  assertFiniteCMatrix(A, parameter);
}

/** Throws unless every real and imaginary part of `A` is finite, naming the first bad entry. */
export function assertFiniteCMatrix(A: CMatrix, parameter: string): void {
  for (const [part, which] of [
    [A.re, "real"],
    [A.im, "imaginary"],
  ] as const) {
    for (let k = 0; k < part.length; k++) {
      const v = part[k] as number;
      if (!Number.isFinite(v)) {
        const r = Math.floor(k / A.cols);
        throw new DescentError(
          `${parameter} must contain only finite values, found ${describeValue(v)} in the ${which} part at (${r}, ${k - r * A.cols})`,
          { parameter, code: "finite" },
        );
      }
    }
  }
}
