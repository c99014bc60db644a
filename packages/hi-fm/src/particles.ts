/**
 * Particle systems: the flat particle-major layout `x = (x_1, …, x_n)`, `x_i ∈ R^s`, the
 * centre-of-mass-free subspace `{x : Σ_i x_i = 0}` of dimension `(n−1)s` (docs/method.md, "Particle
 * systems"), and the group actions (rotations/reflections, permutations, translations) used by the
 * equivariance checks.
 */
import {
  assertAllFinite,
  assertArrayLike,
  assertInteger,
  assertKnownOptions,
  assertLength,
  assertOneOf,
  DescentError,
  type Rng,
} from "@descent/core-tensor";
import { assertRng } from "./argument-types.js";

/** How a flat vector is split into particles. */
export interface ParticleLayout {
  /** Number of particles `n` (≥ 2). */
  readonly nParticles: number;
  /** Spatial dimension `s` of each particle: 2 or 3. */
  readonly spaceDim: 2 | 3;
}

/** Throws unless `layout` is a valid layout; with `dim` also unless `n·s = dim`. */
export function assertLayout(layout: ParticleLayout, parameter: string, dim?: number): void {
  if (layout === null || typeof layout !== "object") {
    throw new DescentError(`${parameter} must be a { nParticles, spaceDim } object`, {
      parameter,
      code: "type",
    });
  }
  assertInteger(layout.nParticles, `${parameter}.nParticles`, { min: 2 });
  assertOneOf(layout.spaceDim, `${parameter}.spaceDim`, [2, 3]);
  if (dim !== undefined && layout.nParticles * layout.spaceDim !== dim) {
    throw new DescentError(
      `${parameter}: nParticles·spaceDim = ${layout.nParticles}·${layout.spaceDim} = ${
        layout.nParticles * layout.spaceDim
      } does not match the dimension ${dim}`,
      { parameter, code: "shape" },
    );
  }
}

/** Checks `rotation` (s×s, finite) and `permutation` (a permutation of 0…n−1). */
function checkGroupElement(rotation: unknown, permutation: unknown, n: number, s: number): void {
  assertArrayLike(rotation, "rotation");
  assertLength(rotation, "rotation", s * s);
  assertAllFinite(rotation as ArrayLike<number>, "rotation");
  assertArrayLike(permutation, "permutation");
  assertLength(permutation, "permutation", n);
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = (permutation as ArrayLike<unknown>)[i];
    if (!Number.isInteger(p) || (p as number) < 0 || (p as number) >= n || seen[p as number]) {
      throw new DescentError(`permutation must be a permutation of 0…${n - 1}`, {
        parameter: "permutation",
        code: "range",
      });
    }
    seen[p as number] = 1;
  }
}

/** The flat dimension `n·s`. */
export function layoutDim(layout: ParticleLayout): number {
  assertLayout(layout, "layout");
  return layout.nParticles * layout.spaceDim;
}

/** The dimension `(n−1)·s` of the centre-of-mass-free subspace. */
export function comFreeDim(layout: ParticleLayout): number {
  assertLayout(layout, "layout");
  return (layout.nParticles - 1) * layout.spaceDim;
}

/** Subtracts the particle mean in place and returns `x`. */
export function removeCenterOfMassInPlace(x: Float64Array | Float32Array, layout: ParticleLayout): typeof x {
  const { nParticles: n, spaceDim: s } = layout;
  for (let a = 0; a < s; a++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i * s + a] as number;
    m /= n;
    for (let i = 0; i < n; i++) x[i * s + a] = (x[i * s + a] as number) - m;
  }
  return x;
}

/** A copy of `x` with the particle mean subtracted (the projection `P x`). */
export function removeCenterOfMass(x: Float64Array, layout: ParticleLayout): Float64Array {
  assertArrayLike(x, "x");
  assertLayout(layout, "layout", x.length);
  return removeCenterOfMassInPlace(Float64Array.from(x), layout) as Float64Array;
}

/**
 * An orthonormal basis of the centre-of-mass-free subspace: `d × (d−s)`, column-major (column `c`
 * is `basis[c·d … c·d + d)`). Helmert vectors `h_k = (1,…,1,−k,0,…,0)/√(k(k+1))` over particles,
 * tensored with the `s` unit vectors; column `(k−1)·s + a` is `h_k ⊗ e_a`.
 */
export function comFreeBasis(layout: ParticleLayout): Float64Array {
  assertLayout(layout, "layout");
  assertLayout(layout, "layout");
  const { nParticles: n, spaceDim: s } = layout;
  const d = n * s;
  const m = (n - 1) * s;
  const basis = new Float64Array(d * m);
  for (let k = 1; k < n; k++) {
    const c = 1 / Math.sqrt(k * (k + 1));
    for (let a = 0; a < s; a++) {
      const col = ((k - 1) * s + a) * d;
      for (let i = 0; i < k; i++) basis[col + i * s + a] = c;
      basis[col + k * s + a] = -k * c;
    }
  }
  return basis;
}

/**
 * A Haar-random `s × s` orthogonal matrix (row-major); with `proper: true` a rotation (det +1),
 * otherwise a rotation or a reflection with equal probability.
 */
export function randomOrthogonalMatrix(
  spaceDim: 2 | 3,
  rng: Rng,
  options: { proper?: boolean } = {},
): Float64Array {
  assertOneOf(spaceDim, "spaceDim", [2, 3]);
  assertRng(rng);
  assertKnownOptions(options, ["proper"]);
  const s = spaceDim;
  // Gram–Schmidt of a Gaussian matrix, with the sign fixed by the diagonal of R, is Haar on O(s).
  const q = new Float64Array(s * s);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  for (let i = 0; i < s; i++) {
    for (let j = 0; j < i; j++) {
      let p = 0;
      for (let t = 0; t < s; t++) p += (q[i * s + t] as number) * (q[j * s + t] as number);
      for (let t = 0; t < s; t++) q[i * s + t] = (q[i * s + t] as number) - p * (q[j * s + t] as number);
    }
    let nrm = 0;
    for (let t = 0; t < s; t++) nrm += (q[i * s + t] as number) ** 2;
    nrm = Math.sqrt(nrm);
    for (let t = 0; t < s; t++) q[i * s + t] = (q[i * s + t] as number) / nrm;
  }
  if (options.proper === true && determinant(q, s) < 0) {
    for (let t = 0; t < s; t++) q[t] = -(q[t] as number);
  }
  return q;
}

function determinant(q: Float64Array, s: number): number {
  if (s === 2) return (q[0] as number) * (q[3] as number) - (q[1] as number) * (q[2] as number);
  const [a, b, c, d, e, f, g, h, i] = q as unknown as number[];
  return (
    (a as number) * ((e as number) * (i as number) - (f as number) * (h as number)) -
    (b as number) * ((d as number) * (i as number) - (f as number) * (g as number)) +
    (c as number) * ((d as number) * (h as number) - (e as number) * (g as number))
  );
}

/**
 * `G x` for `G = Π ⊗ R`: particle `i` of the result is `R · x_{π(i)}`, plus an optional translation
 * `shift ∈ R^s` added to every particle. `rotation` is `s × s` row-major, `permutation` a permutation
 * of `0…n−1`.
 */
export function actOnParticles(
  x: Float64Array,
  layout: ParticleLayout,
  rotation: Float64Array,
  permutation: Int32Array,
  shift?: ArrayLike<number>,
): Float64Array {
  assertArrayLike(x, "x");
  assertLayout(layout, "layout", x.length);
  assertAllFinite(x, "x");
  const { nParticles: n, spaceDim: s } = layout;
  checkGroupElement(rotation, permutation, n, s);
  if (shift !== undefined) {
    assertArrayLike(shift, "shift");
    assertLength(shift, "shift", s);
    assertAllFinite(shift, "shift");
  }
  if (rotation.length !== s * s) {
    throw new DescentError(`rotation must have length ${s * s}, received ${rotation.length}`, {
      parameter: "rotation",
      code: "shape",
    });
  }
  if (permutation.length !== n) {
    throw new DescentError(`permutation must have length ${n}, received ${permutation.length}`, {
      parameter: "permutation",
      code: "shape",
    });
  }
  const out = new Float64Array(x.length);
  for (let i = 0; i < n; i++) {
    const src = (permutation[i] as number) * s;
    for (let a = 0; a < s; a++) {
      let v = shift === undefined ? 0 : (shift[a] as number);
      for (let b = 0; b < s; b++) v += (rotation[a * s + b] as number) * (x[src + b] as number);
      out[i * s + a] = v;
    }
  }
  return out;
}

/** `G H Gᵀ` for a `d × d` row-major matrix and `G = Π ⊗ R` as in {@link actOnParticles}. */
export function conjugateByParticleAction(
  h: Float64Array,
  layout: ParticleLayout,
  rotation: Float64Array,
  permutation: Int32Array,
): Float64Array {
  assertArrayLike(h, "h");
  assertLayout(layout, "layout");
  const d = layoutDim(layout);
  assertLength(h, "h", d * d);
  assertAllFinite(h, "h");
  checkGroupElement(rotation, permutation, layout.nParticles, layout.spaceDim);
  // Build G densely: small d only (tests and diagnostics).
  const g = new Float64Array(d * d);
  const { nParticles: n, spaceDim: s } = layout;
  for (let i = 0; i < n; i++) {
    const src = (permutation[i] as number) * s;
    for (let a = 0; a < s; a++)
      for (let b = 0; b < s; b++) g[(i * s + a) * d + src + b] = rotation[a * s + b] as number;
  }
  const gh = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++) {
      const gik = g[i * d + k] as number;
      if (gik === 0) continue;
      for (let j = 0; j < d; j++) gh[i * d + j] = (gh[i * d + j] as number) + gik * (h[k * d + j] as number);
    }
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      let v = 0;
      for (let k = 0; k < d; k++) v += (gh[i * d + k] as number) * (g[j * d + k] as number);
      out[i * d + j] = v;
    }
  return out;
}
