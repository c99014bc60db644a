/**
 * Complex GEMM on split storage: `op(A)·op(B)` with op ∈ {N (as is), T (transpose), C (conjugate
 * transpose)} per operand, as four real products on the blocked real kernel (in one WebAssembly
 * SIMD call, the operands copied once, where available).
 */
import { DescentError } from "../errors.js";
import { gemmAccumulate } from "../linalg64/matmul.js";
import { assertOneOf } from "../validate.js";
import { wasmComplexGemm } from "../wasm64/float64-kernels.js";
import { assertCMatrix, assertFiniteCMatrix, type CMatrix } from "./cmatrix.js";

/** How an operand enters a product: `"N"` as is, `"T"` transposed, `"C"` conjugate-transposed. */
export type ComplexOp = "N" | "T" | "C";

/** Options of {@link cmatmul}. */
export interface CmatmulOptions {
  /** Operation on A. Default `"N"`. */
  opA?: ComplexOp;
  /** Operation on B. Default `"N"`. */
  opB?: ComplexOp;
}

/**
 * The complex product `op(A)·op(B)`; transposed operands are read through strides (no copy).
 *
 * @throws {DescentError} code `"shape"` when the inner dimensions differ, `"finite"` on NaN.
 *
 * @example
 * ```ts
 * const G = cmatmul(Y, cmatmul(H, Y), { opA: "C" }); // Yᴴ·H·Y
 * ```
 */
export function cmatmul(A: CMatrix, B: CMatrix, options: CmatmulOptions = {}): CMatrix {
  assertCMatrix(A, "A");
  assertCMatrix(B, "B");
  const opA = options.opA ?? "N";
  const opB = options.opB ?? "N";
  assertOneOf(opA, "opA", ["N", "T", "C"] as const);
  assertOneOf(opB, "opB", ["N", "T", "C"] as const);
  const tA = opA !== "N";
  const tB = opB !== "N";
  const m = tA ? A.cols : A.rows;
  const p = tA ? A.rows : A.cols;
  const pB = tB ? B.cols : B.rows;
  const n = tB ? B.rows : B.cols;
  if (p !== pB) {
    throw new DescentError(
      `B must give op(B) ${p} rows to match op(A) (${m}×${p}), received a ${B.rows}×${B.cols} matrix with op ${opB}`,
      { parameter: "B", code: "shape" },
    );
  }
  assertFiniteCMatrix(A, "A");
  assertFiniteCMatrix(B, "B");
  const C = { rows: m, cols: n, re: new Float64Array(m * n), im: new Float64Array(m * n) };
  const ars = tA ? 1 : A.cols;
  const acs = tA ? A.cols : 1;
  const brs = tB ? 1 : B.cols;
  const bcs = tB ? B.cols : 1;
  const sA = opA === "C" ? -1 : 1;
  const sB = opB === "C" ? -1 : 1;
  if (wasmComplexGemm(m, n, p, A.re, A.im, ars, acs, sA, B.re, B.im, brs, bcs, sB, C.re, C.im)) return C;
  // Effective parts: op(A) = Ar + i·sA·Ai, op(B) = Br + i·sB·Bi with s = −1 under conjugation.
  const bi = sB === 1 ? B.im : B.im.map((v) => -v);
  const biNeg = bi.map((v) => -v);
  const ai = sA === 1 ? A.im : A.im.map((v) => -v);
  // Re C = Ar·Br − Ai'·Bi',  Im C = Ar·Bi' + Ai'·Br.
  gemmAccumulate(m, n, p, A.re, ars, acs, B.re, brs, bcs, C.re, n);
  gemmAccumulate(m, n, p, ai, ars, acs, biNeg, brs, bcs, C.re, n);
  gemmAccumulate(m, n, p, A.re, ars, acs, bi, brs, bcs, C.im, n);
  gemmAccumulate(m, n, p, ai, ars, acs, B.re, brs, bcs, C.im, n);
  return C;
}
