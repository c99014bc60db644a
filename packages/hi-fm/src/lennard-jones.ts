/**
 * Lennard-Jones clusters with bgflow's constants (ε = 1, r_m = 1, harmonic oscillator of scale 1 on the
 * centre-of-mass distance): `V = Σ_{i<j} ε[(r_m/r)^12 − 2(r_m/r)^6] + (c/2) Σ_i ‖x_i − x̄‖²`, with the
 * analytic gradient and Hessian in float64 (docs/method.md, "Energies"). Never evaluated in float32:
 * `(r_m/r)^12` overflows it for tiny distances.
 */
import { assertKnownOptions, assertNonNegative, assertPositive } from "@descent/core-tensor";
import { assertConfiguration, type Energy } from "./energy.js";
import { assertLayout, layoutDim, type ParticleLayout } from "./particles.js";

/** Options of {@link lennardJones}. */
export interface LennardJonesOptions {
  /** Particle layout; the dimension is `nParticles · spaceDim`. */
  layout: ParticleLayout;
  /** Well depth ε. Default `1` (bgflow). */
  epsilon?: number;
  /** Distance of the pair minimum r_m. Default `1` (bgflow). */
  rm?: number;
  /** Oscillator strength c on the distance to the centre of mass; 0 disables it. Default `1` (bgflow). */
  oscillator?: number;
}

/** A Lennard-Jones energy, which knows its particle layout. */
export interface LennardJonesEnergy extends Energy {
  readonly layout: ParticleLayout;
  /** The smallest pair distance of `x` (MALA rejects proposals below a fraction of `rm`). */
  minPairDistance(x: Float64Array): number;
}

/** The Lennard-Jones cluster energy. */
export function lennardJones(options: LennardJonesOptions): LennardJonesEnergy {
  if (options === undefined) assertKnownOptions(null, []);
  assertKnownOptions(options, ["layout", "epsilon", "rm", "oscillator"]);
  const { layout, epsilon = 1, rm = 1, oscillator = 1 } = options;
  assertLayout(layout, "layout");
  assertPositive(epsilon, "epsilon");
  assertPositive(rm, "rm");
  assertNonNegative(oscillator, "oscillator");
  const n = layout.nParticles;
  const s = layout.spaceDim;
  const d = layoutDim(layout);
  const u = new Float64Array(s);
  const mean = new Float64Array(s);

  function centre(x: Float64Array): void {
    mean.fill(0);
    for (let i = 0; i < n; i++)
      for (let a = 0; a < s; a++) mean[a] = (mean[a] as number) + (x[i * s + a] as number) / n;
  }

  return {
    dim: d,
    layout,
    minPairDistance(x) {
      assertConfiguration(x, "x", d);
      let best = Infinity;
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          let r2 = 0;
          for (let a = 0; a < s; a++) r2 += ((x[i * s + a] as number) - (x[j * s + a] as number)) ** 2;
          if (r2 < best) best = r2;
        }
      return Math.sqrt(best);
    },
    value(x) {
      assertConfiguration(x, "x", d);
      let v = 0;
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          let r2 = 0;
          for (let a = 0; a < s; a++) r2 += ((x[i * s + a] as number) - (x[j * s + a] as number)) ** 2;
          const p6 = ((rm * rm) / r2) ** 3;
          v += epsilon * (p6 * p6 - 2 * p6);
        }
      if (oscillator > 0) {
        centre(x);
        let q = 0;
        for (let i = 0; i < n; i++)
          for (let a = 0; a < s; a++) q += ((x[i * s + a] as number) - (mean[a] as number)) ** 2;
        v += 0.5 * oscillator * q;
      }
      return v;
    },
    gradient(x, out = new Float64Array(d)) {
      assertConfiguration(x, "x", d);
      out.fill(0);
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          let r2 = 0;
          for (let a = 0; a < s; a++) {
            u[a] = (x[i * s + a] as number) - (x[j * s + a] as number);
            r2 += (u[a] as number) ** 2;
          }
          const p6 = ((rm * rm) / r2) ** 3;
          // φ'(r)/r = (12ε/r²)[(r_m/r)^6 − (r_m/r)^12]
          const dphiOverR = ((12 * epsilon) / r2) * (p6 - p6 * p6);
          for (let a = 0; a < s; a++) {
            const f = dphiOverR * (u[a] as number);
            out[i * s + a] = (out[i * s + a] as number) + f;
            out[j * s + a] = (out[j * s + a] as number) - f;
          }
        }
      if (oscillator > 0) {
        centre(x);
        for (let i = 0; i < n; i++)
          for (let a = 0; a < s; a++)
            out[i * s + a] =
              (out[i * s + a] as number) + oscillator * ((x[i * s + a] as number) - (mean[a] as number));
      }
      return out;
    },
    hessian(x, out = new Float64Array(d * d)) {
      assertConfiguration(x, "x", d);
      out.fill(0);
      const block = new Float64Array(s * s);
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          let r2 = 0;
          for (let a = 0; a < s; a++) {
            u[a] = (x[i * s + a] as number) - (x[j * s + a] as number);
            r2 += (u[a] as number) ** 2;
          }
          const p6 = ((rm * rm) / r2) ** 3;
          const dphiOverR = ((12 * epsilon) / r2) * (p6 - p6 * p6);
          const d2phi = (epsilon / r2) * (156 * p6 * p6 - 84 * p6);
          // K = φ'' û ûᵀ + (φ'/r)(I − û ûᵀ)
          for (let a = 0; a < s; a++)
            for (let b = 0; b < s; b++) {
              const uu = ((u[a] as number) * (u[b] as number)) / r2;
              block[a * s + b] = d2phi * uu + dphiOverR * ((a === b ? 1 : 0) - uu);
            }
          for (let a = 0; a < s; a++)
            for (let b = 0; b < s; b++) {
              const k = block[a * s + b] as number;
              const ii = (i * s + a) * d + i * s + b;
              const jj = (j * s + a) * d + j * s + b;
              const ij = (i * s + a) * d + j * s + b;
              const ji = (j * s + a) * d + i * s + b;
              out[ii] = (out[ii] as number) + k;
              out[jj] = (out[jj] as number) + k;
              out[ij] = (out[ij] as number) - k;
              out[ji] = (out[ji] as number) - k;
            }
        }
      if (oscillator > 0) {
        // + c P with P = (I_n − 11ᵀ/n) ⊗ I_s
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++)
            for (let a = 0; a < s; a++) {
              const idx = (i * s + a) * d + j * s + a;
              out[idx] = (out[idx] as number) + oscillator * ((i === j ? 1 : 0) - 1 / n);
            }
      }
      return out;
    },
  };
}

/** The regular tetrahedron of edge `rm` (LJ4 minimum without oscillator), centred at the origin. */
export function tetrahedron(rm = 1): Float64Array {
  assertPositive(rm, "rm");
  const c = rm / (2 * Math.SQRT2);
  return Float64Array.from([c, c, c, c, -c, -c, -c, c, -c, -c, -c, c]);
}

/**
 * A 13-particle icosahedral cluster: one particle at the centre and 12 on the vertices of an
 * icosahedron of circumradius `radius` (default 0.96 r_m, near the LJ13 minimum), centred at the origin.
 * Run a local minimisation to reach the exact LJ13 minimum.
 */
export function icosahedron13(radius = 0.96): Float64Array {
  assertPositive(radius, "radius");
  const phi = (1 + Math.sqrt(5)) / 2;
  const verts: number[][] = [];
  for (const a of [-1, 1])
    for (const b of [-phi, phi]) {
      verts.push([0, a, b], [a, b, 0], [b, 0, a]);
    }
  const scale = radius / Math.sqrt(1 + phi * phi);
  const x = new Float64Array(39);
  verts.forEach((v, k) => {
    for (let a = 0; a < 3; a++) x[(k + 1) * 3 + a] = (v[a] as number) * scale;
  });
  return x;
}
