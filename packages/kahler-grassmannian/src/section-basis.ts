/**
 * Sections of O(k) on the quintic (docs/method.md §4): degree-k monomials in z₀..z₄, without those
 * divisible by z₀⁵ (on X_ψ, z₀⁵ is a combination of the others), N_k = C(k+4,4) − C(k−1,4) =
 * 5k(k²+5)/6 of them, ordered lexicographically by exponent vector (m₀ descending, then m₁, …).
 */
import { assertInteger, assertKnownOptions } from "@descent/core-tensor";
import { assertSectionBasis } from "./argument-checks.js";

/** A monomial basis of degree k. */
export interface SectionBasis {
  /** Degree k of the line bundle O(k). */
  readonly k: number;
  /** Number of sections N. */
  readonly size: number;
  /** Exponent vectors, 5 per section (size × 5). */
  readonly exps: Uint8Array;
}

/** N_k = 5k(k² + 5)/6, the number of independent sections of O(k) on a quintic threefold. */
export function sectionCount(k: number): number {
  assertInteger(k, "k", { min: 1 });
  return (5 * k * (k * k + 5)) / 6;
}

/** Options of {@link sectionBasis}. */
export interface SectionBasisOptions {
  /** Drop the monomials divisible by z₀⁵ (the basis on X). Default `true`; `false` gives all of CP⁴'s. */
  reduced?: boolean;
}

/**
 * The reduced monomial basis of H⁰(X, O(k)).
 *
 * @throws {DescentError} naming `k` unless it is an integer in [1, 40].
 *
 * @example
 * ```ts
 * sectionBasis(3).size; // 35
 * ```
 */
export function sectionBasis(k: number, options: SectionBasisOptions = {}): SectionBasis {
  assertKnownOptions(options, ["reduced"]);
  assertInteger(k, "k", { min: 1, max: 40 });
  const reduced = options.reduced ?? true;
  const list: number[] = [];
  const m = [0, 0, 0, 0, 0];
  const rec = (i: number, left: number): void => {
    if (i === 4) {
      m[4] = left;
      if (!(reduced && (m[0] as number) >= 5)) list.push(...m);
      return;
    }
    for (let v = left; v >= 0; v--) {
      m[i] = v;
      rec(i + 1, left - v);
    }
  };
  rec(0, k);
  return { k, size: list.length / 5, exps: Uint8Array.from(list) };
}

/** The Fubini–Study h-matrix at level k: diag(k!/Πᵢ mᵢ!), so that s†Hs = |z|^{2k}. */
export function fubiniStudyDiagonal(basis: SectionBasis): Float64Array {
  assertSectionBasis(basis);
  const fact = [1];
  for (let i = 1; i <= basis.k; i++) fact.push((fact[i - 1] as number) * i);
  const out = new Float64Array(basis.size);
  for (let s = 0; s < basis.size; s++) {
    let d = 1;
    for (let i = 0; i < 5; i++) d *= fact[basis.exps[5 * s + i] as number] as number;
    out[s] = (fact[basis.k] as number) / d;
  }
  return out;
}
