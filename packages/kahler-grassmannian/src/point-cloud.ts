/**
 * Points on X_ψ with their local coordinates and integration weights (docs/method.md §2–3):
 * patch p = argmax|zᵢ| (then z_p = 1), elimination index e = argmax_{j≠p}|∂_jQ|, local
 * coordinates x = the three remaining zᵢ in increasing order, the Jacobian column
 * ∂z_e/∂x_a = −∂_{l_a}Q/∂_eQ, |Ω|² = 1/|∂_eQ|² and the weight w = |Ω|²/det g_FS.
 */

import { assertKnownOptions, DescentError } from "@descent/core-tensor";
import { assertComplex, assertSlot } from "./argument-checks.js";
import { type Complex, dworkGradient } from "./quintic.js";

/** A sample of points on X_ψ (all arrays point-major). */
export interface PointCloud {
  /** Number of points. */
  readonly n: number;
  /** The modulus ψ of the quintic. */
  readonly psi: Complex;
  /** Patch-normalised coordinates, 5 per point (z_patch = 1 exactly). */
  readonly zRe: Float64Array;
  /** Imaginary parts of the coordinates. */
  readonly zIm: Float64Array;
  /** Patch index p per point. */
  readonly patch: Uint8Array;
  /** Elimination index e per point. */
  readonly elim: Uint8Array;
  /** ∂z_e/∂x_a for the three local coordinates a (3 per point). */
  readonly dzeRe: Float64Array;
  /** Imaginary parts of ∂z_e/∂x_a. */
  readonly dzeIm: Float64Array;
  /** |∂_eQ|² per point (|Ω|² = 1/|∂_eQ|² in the local coordinates). */
  readonly absDQe2: Float64Array;
  /** Integration weight w = 1/(|∂_eQ|²·det g_FS) per point. */
  readonly weight: Float64Array;
}

/** The three local-coordinate indices (increasing) for patch p and elimination index e. */
export function localIndices(p: number, e: number): [number, number, number] {
  const out: number[] = [];
  for (let i = 0; i < 5; i++) if (i !== p && i !== e) out.push(i);
  return out as [number, number, number];
}

/** Choice of patch and elimination index, for the coordinate-independence checks. */
export interface FrameChoice {
  /** Patch index; default argmax |zᵢ|. */
  patch?: number;
  /** Elimination index (≠ patch); default argmax_{j≠p} |∂_jQ|. */
  elim?: number;
}

const gRe = new Float64Array(5);
const gIm = new Float64Array(5);

/**
 * Fills the local frame of point `i` of `cloud`-shaped arrays from homogeneous coordinates
 * `(hRe, hIm)` at offset `off`: normalises by the patch coordinate, picks e, stores the Jacobian
 * column, |∂_eQ|² and the weight.
 */
export function fillLocalFrame(
  hRe: Float64Array,
  hIm: Float64Array,
  off: number,
  psi: Complex,
  out: PointCloud,
  i: number,
  choice: FrameChoice = {},
): void {
  assertSlot(hRe, "hRe", off, 5, true);
  assertSlot(hIm, "hIm", off, 5, true);
  assertComplex(psi, "psi");
  assertKnownOptions(choice, ["patch", "elim"], "choice");
  if (
    out === null ||
    typeof out !== "object" ||
    !(out.zRe instanceof Float64Array) ||
    !Number.isInteger(i) ||
    i < 0 ||
    i >= out.n ||
    out.zRe.length < 5 * out.n
  ) {
    throw new DescentError("out must be a point cloud and i an index of it", {
      parameter: "i",
      code: "range",
    });
  }
  let p = choice.patch ?? -1;
  if (p < 0) {
    let best = -1;
    for (let j = 0; j < 5; j++) {
      const m = (hRe[off + j] as number) ** 2 + (hIm[off + j] as number) ** 2;
      if (m > best) {
        best = m;
        p = j;
      }
    }
  }
  const pr = hRe[off + p] as number;
  const pi = hIm[off + p] as number;
  const pp = pr * pr + pi * pi;
  const zRe = out.zRe;
  const zIm = out.zIm;
  const o = 5 * i;
  for (let j = 0; j < 5; j++) {
    const a = hRe[off + j] as number;
    const b = hIm[off + j] as number;
    zRe[o + j] = (a * pr + b * pi) / pp;
    zIm[o + j] = (b * pr - a * pi) / pp;
  }
  zRe[o + p] = 1;
  zIm[o + p] = 0;
  dworkGradient(zRe, zIm, o, psi, gRe, gIm);
  let e = choice.elim ?? -1;
  if (e < 0) {
    let best = -1;
    for (let j = 0; j < 5; j++) {
      if (j === p) continue;
      const m = (gRe[j] as number) ** 2 + (gIm[j] as number) ** 2;
      if (m > best) {
        best = m;
        e = j;
      }
    }
  }
  out.patch[i] = p;
  out.elim[i] = e;
  const er = gRe[e] as number;
  const ei = gIm[e] as number;
  const ee = er * er + ei * ei;
  out.absDQe2[i] = ee;
  const L = localIndices(p, e);
  // J rows: J_a = e_{l_a} + (∂z_e/∂x_a)·e_e
  const jr = new Float64Array(3);
  const ji = new Float64Array(3);
  for (let a = 0; a < 3; a++) {
    const l = L[a] as number;
    const nr = -(gRe[l] as number);
    const ni = -(gIm[l] as number);
    jr[a] = (nr * er + ni * ei) / ee;
    ji[a] = (ni * er - nr * ei) / ee;
    out.dzeRe[3 * i + a] = jr[a] as number;
    out.dzeIm[3 * i + a] = ji[a] as number;
  }
  // pulled-back FS metric g_ab̄ = (1/π)[ J_a·conj(J_b)/|z|² − u_a·conj(u_b)/|z|⁴ ], u_a = Σ_i J_ai z̄_i
  let z2 = 0;
  for (let j = 0; j < 5; j++) z2 += (zRe[o + j] as number) ** 2 + (zIm[o + j] as number) ** 2;
  const zeR = zRe[o + e] as number;
  const zeI = zIm[o + e] as number;
  const ur = new Float64Array(3);
  const ui = new Float64Array(3);
  for (let a = 0; a < 3; a++) {
    const l = L[a] as number;
    // u_a = conj(z_l) + J_ae·conj(z_e)
    const ar = jr[a] as number;
    const ai = ji[a] as number;
    ur[a] = (zRe[o + l] as number) + ar * zeR + ai * zeI;
    ui[a] = -(zIm[o + l] as number) + ai * zeR - ar * zeI;
  }
  const gr = new Float64Array(9);
  const gi = new Float64Array(9);
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      // J_a·conj(J_b) = δ_ab + J_ae·conj(J_be)
      const ar = jr[a] as number;
      const ai = ji[a] as number;
      const br = jr[b] as number;
      const bi = ji[b] as number;
      const jjr = (a === b ? 1 : 0) + ar * br + ai * bi;
      const jji = ai * br - ar * bi;
      const uur = (ur[a] as number) * (ur[b] as number) + (ui[a] as number) * (ui[b] as number);
      const uui = (ui[a] as number) * (ur[b] as number) - (ur[a] as number) * (ui[b] as number);
      gr[3 * a + b] = (jjr / z2 - uur / (z2 * z2)) / Math.PI;
      gi[3 * a + b] = (jji / z2 - uui / (z2 * z2)) / Math.PI;
    }
  }
  out.weight[i] = 1 / (ee * hermitian3Determinant(gr, gi));
}

/** The (real) determinant of a 3×3 Hermitian matrix in split storage. */
export function hermitian3Determinant(re: Float64Array, im: Float64Array): number {
  // det = a00·a11·a22 + 2·Re(a01·a12·a20) − a00|a12|² − a11|a02|² − a22|a01|²
  const a00 = re[0] as number;
  const a11 = re[4] as number;
  const a22 = re[8] as number;
  const r01 = re[1] as number;
  const i01 = im[1] as number;
  const r12 = re[5] as number;
  const i12 = im[5] as number;
  const r20 = re[6] as number;
  const i20 = im[6] as number;
  const r02 = re[2] as number;
  const i02 = im[2] as number;
  const tr = r01 * r12 - i01 * i12;
  const ti = r01 * i12 + i01 * r12;
  const triple = tr * r20 - ti * i20;
  return (
    a00 * a11 * a22 +
    2 * triple -
    a00 * (r12 * r12 + i12 * i12) -
    a11 * (r02 * r02 + i02 * i02) -
    a22 * (r01 * r01 + i01 * i01)
  );
}

/** An empty cloud of n points (arrays allocated). */
export function allocatePointCloud(n: number, psi: Complex): PointCloud {
  return {
    n,
    psi,
    zRe: new Float64Array(5 * n),
    zIm: new Float64Array(5 * n),
    patch: new Uint8Array(n),
    elim: new Uint8Array(n),
    dzeRe: new Float64Array(3 * n),
    dzeIm: new Float64Array(3 * n),
    absDQe2: new Float64Array(n),
    weight: new Float64Array(n),
  };
}

/** Points [start, end) of a cloud as a new cloud (views, no copy). */
export function slicePointCloud(cloud: PointCloud, start: number, end: number): PointCloud {
  return {
    n: end - start,
    psi: cloud.psi,
    zRe: cloud.zRe.subarray(5 * start, 5 * end),
    zIm: cloud.zIm.subarray(5 * start, 5 * end),
    patch: cloud.patch.subarray(start, end),
    elim: cloud.elim.subarray(start, end),
    dzeRe: cloud.dzeRe.subarray(3 * start, 3 * end),
    dzeIm: cloud.dzeIm.subarray(3 * start, 3 * end),
    absDQe2: cloud.absDQe2.subarray(start, end),
    weight: cloud.weight.subarray(start, end),
  };
}
