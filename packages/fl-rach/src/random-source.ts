/**
 * Counter-based randomness for the simulator (docs/method.md §g, "every draw is addressable").
 *
 * A draw is a pure function of `(seed, stream, k1, k2, k3)`: the channel uniform of user `u` in slot `s`
 * of frame `t` is `uniform(RngStream.Channel, t, s, u)` whatever the policy did before, so two policies run
 * with the same seed see the same channel (common random numbers, docs/method.md §g and oracle §f.13). The hash is
 * a MurmurHash3-style mix of 32-bit words with `Math.imul`, identical on every JavaScript engine. The two
 * 32-bit keys come from core-tensor's seeded {@link Rng}, so the `seed` option is the only source of
 * randomness.
 *
 * @example
 * ```ts
 * const rng = counterRng(1);
 * const u = rng.uniform(RngStream.Channel, 0, 3, 7); // frame 0, slot 3, user 7
 * ```
 */
import { assertInteger, Rng } from "@descent/core-tensor";

/** The independent streams of a run; each kind of draw uses its own. */
export enum RngStream {
  /** Transmit decisions `U(Channel, frame, slot, user)`. */
  Channel = 1,
  /** Mini-batch sampling `U(Sampling, frame, user, step·B + b)`. */
  Sampling = 2,
  /** Model initialisation. */
  Init = 3,
  /** Data partitions. */
  Partition = 4,
  /** Capture / erasure draws of channel models. */
  Capture = 5,
}

/** A uniform generator addressed by counters instead of a hidden state. */
export interface RandomSource {
  /** The seed it was built from. */
  readonly seed: number;
  /**
   * Uniform in [0, 1) (53 random bits), determined only by `(seed, stream, k1, k2, k3)`.
   * Counters are read as unsigned 32-bit integers; omitted ones are 0.
   */
  uniform(stream: RngStream, k1: number, k2?: number, k3?: number): number;
}

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixWord(h: number, k: number): number {
  let x = Math.imul(k | 0, C1);
  x = (x << 15) | (x >>> 17);
  x = Math.imul(x, C2);
  let y = h ^ x;
  y = (y << 13) | (y >>> 19);
  return (Math.imul(y, 5) + 0xe6546b64) | 0;
}

function finalMix(h: number): number {
  let x = h ^ 20; // length in bytes of the five hashed words
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function hashWords(key: number, stream: number, k1: number, k2: number, k3: number): number {
  let h = key;
  h = mixWord(h, stream);
  h = mixWord(h, k1);
  h = mixWord(h, k2);
  h = mixWord(h, k3);
  return finalMix(h);
}

/**
 * Builds the counter-based {@link RandomSource} of a run.
 *
 * @param seed a non-negative safe integer (the run's `seed` option).
 */
export function counterRng(seed: number): RandomSource {
  assertInteger(seed, "seed", { min: 0, max: Number.MAX_SAFE_INTEGER });
  // our choice: two 32-bit hash keys drawn from core-tensor's xoshiro128** stream of the seed
  const keyRng = new Rng(seed);
  const keyA = Math.floor(keyRng.float() * 4294967296) | 0;
  const keyB = Math.floor(keyRng.float() * 4294967296) | 0;
  return {
    seed,
    uniform(stream: RngStream, k1: number, k2 = 0, k3 = 0): number {
      const hi = hashWords(keyA, stream, k1, k2, k3);
      const lo = hashWords(keyB, stream, k1, k2, k3) >>> 11;
      return (hi * 2097152 + lo) / 9007199254740992;
    },
  };
}

/** A standard normal from two addressed uniforms (Box–Muller, first output only). */
export function counterNormal(rng: RandomSource, stream: RngStream, k1: number, k2 = 0, k3 = 0): number {
  // k3 is doubled so the two uniforms of one normal never coincide with another normal's
  const u1 = 1 - rng.uniform(stream, k1, k2, 2 * k3);
  const u2 = rng.uniform(stream, k1, k2, 2 * k3 + 1);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
