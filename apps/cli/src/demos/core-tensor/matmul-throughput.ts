/**
 * tfjs float32 matMul throughput on the current backend (issue 2, item 1: wasm is about 20× the
 * pure-JS cpu backend on the project's machine, core-tensor platform notes §2).
 */
import { tf } from "@descent/core-tensor";

/** Milliseconds per `n × n` matMul (with the read-back), averaged over `reps` after one warm-up. */
export function timeMatMul(n: number, reps: number, seed: number): number {
  const a = tf.randomNormal([n, n], 0, 1, "float32", seed);
  const b = tf.randomNormal([n, n], 0, 1, "float32", seed + 1);
  const warm = tf.matMul(a, b);
  warm.dataSync();
  warm.dispose();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) {
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
  }
  const ms = (performance.now() - t0) / reps;
  a.dispose();
  b.dispose();
  return ms;
}

/** GFLOP/s of an `n × n` matMul that took `ms` (2n³ flops). */
export function matMulGflops(n: number, ms: number): number {
  return (2 * n ** 3) / (ms * 1e6);
}
