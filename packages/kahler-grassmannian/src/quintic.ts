/**
 * The Dwork family of quintic threefolds X_ψ = {Q_ψ = 0} ⊂ CP⁴ with
 * Q_ψ(z) = Σᵢ zᵢ⁵ − 5ψ·z₀z₁z₂z₃z₄ (docs/method.md §1; ψ = 0 is the Fermat quintic). ψ may be
 * complex; X_ψ is singular exactly when ψ⁵ = 1 (the conifold points).
 */
import { DescentError, describeValue } from "@descent/core-tensor";
import { assertComplex, assertSlot } from "./argument-checks.js";

/** The modulus ψ: a real number or a complex number `{ re, im }`. */
export type Psi = number | { readonly re: number; readonly im: number };

/** A complex number with both parts. */
export interface Complex {
  readonly re: number;
  readonly im: number;
}

/** ψ as `{ re, im }`, validated finite; the error names `parameter`. */
export function psiParts(psi: Psi, parameter = "psi"): Complex {
  const parts = typeof psi === "number" ? { re: psi, im: 0 } : psi;
  if (
    parts === null ||
    typeof parts !== "object" ||
    !Number.isFinite(parts.re) ||
    !Number.isFinite(parts.im)
  ) {
    throw new DescentError(
      `${parameter} must be a finite number or a finite complex { re, im }, received ${describeValue(psi)}`,
      { parameter, code: "finite" },
    );
  }
  return { re: parts.re, im: parts.im };
}

/**
 * Q_ψ at the point with coordinates `(re[off+i], im[off+i])`, i = 0..4; returns [Re Q, Im Q].
 */
export function dworkValue(re: Float64Array, im: Float64Array, off: number, psi: Complex): [number, number] {
  assertSlot(re, "re", off, 5, true);
  assertSlot(im, "im", off, 5, true);
  assertComplex(psi, "psi");
  let qr = 0;
  let qi = 0;
  let pr = 1;
  let pi = 0;
  for (let i = 0; i < 5; i++) {
    const a = re[off + i] as number;
    const b = im[off + i] as number;
    const a2 = a * a - b * b;
    const b2 = 2 * a * b;
    const a4 = a2 * a2 - b2 * b2;
    const b4 = 2 * a2 * b2;
    qr += a4 * a - b4 * b;
    qi += a4 * b + b4 * a;
    const t = pr * a - pi * b;
    pi = pr * b + pi * a;
    pr = t;
  }
  // − 5ψ·Π zᵢ
  qr -= 5 * (psi.re * pr - psi.im * pi);
  qi -= 5 * (psi.re * pi + psi.im * pr);
  return [qr, qi];
}

/**
 * The gradient ∂ᵢQ_ψ = 5zᵢ⁴ − 5ψ·Π_{l≠i} z_l at a point (same layout as {@link dworkValue}),
 * written into `gRe`/`gIm` (length 5). The products over l ≠ i are formed without division, so a
 * zero coordinate is harmless.
 */
export function dworkGradient(
  re: Float64Array,
  im: Float64Array,
  off: number,
  psi: Complex,
  gRe: Float64Array,
  gIm: Float64Array,
): void {
  assertSlot(re, "re", off, 5, true);
  assertSlot(im, "im", off, 5, true);
  assertComplex(psi, "psi");
  assertSlot(gRe, "gRe", 0, 5, false);
  assertSlot(gIm, "gIm", 0, 5, false);
  for (let i = 0; i < 5; i++) {
    const a = re[off + i] as number;
    const b = im[off + i] as number;
    const a2 = a * a - b * b;
    const b2 = 2 * a * b;
    let pr = 1;
    let pi = 0;
    for (let l = 0; l < 5; l++) {
      if (l === i) continue;
      const c = re[off + l] as number;
      const d = im[off + l] as number;
      const t = pr * c - pi * d;
      pi = pr * d + pi * c;
      pr = t;
    }
    gRe[i] = 5 * (a2 * a2 - b2 * b2) - 5 * (psi.re * pr - psi.im * pi);
    gIm[i] = 5 * (2 * a2 * b2) - 5 * (psi.re * pi + psi.im * pr);
  }
}

/**
 * A member X_ψ of the Dwork family.
 *
 * @example
 * ```ts
 * const X = new Quintic(0.5);
 * X.isSingular; // false (singular only for ψ⁵ = 1)
 * ```
 */
export class Quintic {
  /** The modulus as a complex number. */
  readonly psi: Complex;

  /** @throws {DescentError} naming `psi` when it is not finite. */
  constructor(psi: Psi = 0) {
    this.psi = psiParts(psi);
  }

  /** Whether X_ψ is singular (|ψ⁵ − 1| < 1e-12). */
  get isSingular(): boolean {
    const { re, im } = this.psi;
    // ψ⁵ by repeated multiplication
    let pr = 1;
    let pi = 0;
    for (let j = 0; j < 5; j++) {
      const t = pr * re - pi * im;
      pi = pr * im + pi * re;
      pr = t;
    }
    return Math.hypot(pr - 1, pi) < 1e-12;
  }

  /** Q_ψ at a point of C⁵ given as 5 real parts and 5 imaginary parts; returns [Re, Im]. */
  value(re: ArrayLike<number>, im: ArrayLike<number>): [number, number] {
    return dworkValue(Float64Array.from(re), Float64Array.from(im), 0, this.psi);
  }
}
