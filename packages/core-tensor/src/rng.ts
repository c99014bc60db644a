/**
 * Seeded pseudo-random numbers for every package of descent.
 *
 * Algorithm: **xoshiro128\*\*** (Blackman & Vigna, 2018), 128 bits of state, period 2^128 − 1, seeded by
 * running **splitmix32** over the seed. All arithmetic is 32-bit integer math (`Math.imul`, shifts), so the
 * same seed yields bit-identical streams on every JavaScript engine, platform and tfjs backend.
 * Doubles carry 53 random bits (two 32-bit draws). Normals use the Box–Muller transform (the second value is
 * kept for the next call). {@link Rng.fork} derives an independent child stream by hashing four draws of the
 * parent through splitmix32, so that two consumers never share one stream.
 *
 * @example
 * ```ts
 * const rng = new Rng(42);
 * const x = rng.normalArray(3);          // Float64Array of 3 standard normals
 * const data = rng.fork(), init = rng.fork(); // independent streams
 * ```
 */
import { DescentError, describeValue } from "./errors.js";
import {
  assertAllFinite,
  assertFiniteNumber,
  assertInteger,
  assertNonEmpty,
  assertNonNegative,
} from "./validate.js";

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** One step of splitmix32: advances `state[0]` and returns a well-mixed 32-bit value. */
function splitmix32(state: Uint32Array): number {
  state[0] = ((state[0] as number) + 0x9e3779b9) >>> 0;
  let z = state[0] as number;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A serialisable snapshot of an {@link Rng}, for checkpoints. */
export interface RngState {
  readonly s: readonly [number, number, number, number];
  readonly spare: number | null;
}

/** A seeded generator. Create one per run from the user's `seed` option and pass it (or forks) down. */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;

  /**
   * @param seed a non-negative integer below 2^53 (any such integer is a distinct stream).
   */
  constructor(seed: number) {
    assertInteger(seed, "seed", { min: 0, max: Number.MAX_SAFE_INTEGER });
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    const sm = new Uint32Array([lo ^ Math.imul(hi, 0x9e3779b9)]);
    this.setWords(splitmix32(sm), splitmix32(sm), splitmix32(sm), splitmix32(sm) ^ hi);
  }

  private setWords(a: number, b: number, c: number, d: number): void {
    this.s0 = a >>> 0;
    this.s1 = b >>> 0;
    this.s2 = c >>> 0;
    this.s3 = d >>> 0;
    // the all-zero state is the one fixed point of xoshiro
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 0x9e3779b9;
    this.spare = null;
  }

  /** Restores a generator from {@link Rng.getState}. */
  static fromState(state: RngState): Rng {
    const r = new Rng(0);
    const [a, b, c, d] = state.s;
    r.setWords(a, b, c, d);
    r.spare = state.spare;
    return r;
  }

  /** The current state, to resume the stream later with {@link Rng.fromState}. */
  getState(): RngState {
    return { s: [this.s0, this.s1, this.s2, this.s3], spare: this.spare };
  }

  /** The next raw 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** An independent child stream; the parent advances by four draws. */
  fork(): Rng {
    const sm = new Uint32Array([this.nextUint32() ^ 0x6a09e667]);
    const a = splitmix32(sm) ^ this.nextUint32();
    const b = splitmix32(sm) ^ this.nextUint32();
    const c = splitmix32(sm) ^ this.nextUint32();
    const d = splitmix32(sm);
    const child = new Rng(0);
    child.setWords(a, b, c, d);
    return child;
  }

  /** `n` independent child streams. */
  forkMany(n: number): Rng[] {
    assertInteger(n, "n", { min: 0 });
    return Array.from({ length: n }, () => this.fork());
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  float(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / TWO_POW_53;
  }

  /** A uniform double in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.float();
  }

  /** A normal draw with the given mean and standard deviation (Box–Muller). */
  normal(mean = 0, std = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + std * z;
    }
    const u1 = 1 - this.float(); // (0, 1]: log is finite
    const u2 = this.float();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    return mean + std * r * Math.cos(theta);
  }

  /** A uniform integer in [low, high) without modulo bias. */
  int(low: number, high: number): number {
    assertInteger(low, "low");
    assertInteger(high, "high");
    const span = high - low;
    if (span <= 0) {
      throw new DescentError(`high must exceed low, received low=${low}, high=${high}`, {
        parameter: "high",
        code: "range",
      });
    }
    if (span <= TWO_POW_32) {
      // rejection sampling over the largest multiple of span below 2^32
      const limit = TWO_POW_32 - (TWO_POW_32 % span);
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return low + (x % span);
    }
    return low + Math.floor(this.float() * span);
  }

  /** `true` with probability `p`. */
  bernoulli(p = 0.5): boolean {
    return this.float() < p;
  }

  /** A Rademacher sign, −1 or +1 with equal probability. */
  rademacher(): number {
    return (this.nextUint32() & 1) === 0 ? -1 : 1;
  }

  /** An exponential draw with the given rate. */
  exponential(rate = 1): number {
    return -Math.log(1 - this.float()) / rate;
  }

  /**
   * A Gamma(shape, 1) draw (Marsaglia & Tsang, 2000; boosted for shape < 1). Used for Dirichlet and Beta.
   */
  gamma(shape: number): number {
    if (!(shape > 0) || !Number.isFinite(shape)) {
      throw new DescentError(`shape must be a finite number > 0, received ${describeValue(shape)}`, {
        parameter: "shape",
        code: "range",
      });
    }
    if (shape < 1) return this.gamma(shape + 1) * this.float() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.float();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))
        return d * v;
    }
  }

  /** An index drawn with probabilities proportional to `weights` (non-negative, not all zero). */
  categorical(weights: ArrayLike<number>): number {
    assertNonEmpty(weights, "weights");
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] as number;
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw new DescentError(
          `weights must be finite and >= 0, received ${describeValue(w)} at index ${i}`,
          {
            parameter: "weights",
            code: "range",
          },
        );
      }
      total += w;
    }
    if (total <= 0)
      throw new DescentError("weights must not all be zero", { parameter: "weights", code: "range" });
    let u = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] as number;
      if (u < 0) return i;
    }
    // rounding left u at or just above 0: return the last index with positive weight
    for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return i;
    return weights.length - 1;
  }

  /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    assertInteger(n, "n", { min: 0 });
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /** Shuffles `values` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      const tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
    return values;
  }

  /** `k` distinct indices from 0..n−1, in random order (partial Fisher–Yates). */
  sampleWithoutReplacement(n: number, k: number): Int32Array {
    assertInteger(n, "n", { min: 0 });
    assertInteger(k, "k", { min: 0, max: n });
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = 0; i < k; i++) {
      const j = this.int(i, n);
      const tmp = p[i] as number;
      p[i] = p[j] as number;
      p[j] = tmp;
    }
    return p.slice(0, k);
  }

  /** Fills `out` with uniforms in [low, high) and returns it. */
  fillUniform<A extends Float64Array | Float32Array>(out: A, low = 0, high = 1): A {
    for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * this.float();
    return out;
  }

  /** Fills `out` with normals N(mean, std²) and returns it. */
  fillNormal<A extends Float64Array | Float32Array>(out: A, mean = 0, std = 1): A {
    assertFiniteNumber(mean, "mean");
    assertNonNegative(std, "std");
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /** `n` uniforms in [low, high) as a Float64Array. */
  uniformArray(n: number, low = 0, high = 1): Float64Array {
    assertInteger(n, "n", { min: 0 });
    return this.fillUniform(new Float64Array(n), low, high);
  }

  /** `n` normals as a Float64Array. */
  normalArray(n: number, mean = 0, std = 1): Float64Array {
    assertInteger(n, "n", { min: 0 });
    return this.fillNormal(new Float64Array(n), mean, std);
  }

  /** `n` Rademacher signs as a Float64Array. */
  rademacherArray(n: number): Float64Array {
    assertInteger(n, "n", { min: 0 });
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.rademacher();
    return out;
  }

  /** A Dirichlet(alpha) draw. */
  dirichlet(alpha: ArrayLike<number>): Float64Array {
    assertNonEmpty(alpha, "alpha");
    assertAllFinite(alpha, "alpha");
    const out = new Float64Array(alpha.length);
    let total = 0;
    for (let i = 0; i < alpha.length; i++) {
      out[i] = this.gamma(alpha[i] as number);
      total += out[i] as number;
    }
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / total;
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Accepts either a seed or an existing generator, the common shape of a `seed`/`rng` option. */
export function toRng(seedOrRng: number | Rng): Rng {
  return seedOrRng instanceof Rng ? seedOrRng : new Rng(seedOrRng);
}
