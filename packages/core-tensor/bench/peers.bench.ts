/**
 * core-tensor against numpy / PyTorch CPU (`pnpm bench:peers core-tensor`): tfjs wasm float32 matMul with
 * plain and transposed operands vs torch.matmul, and the float64 kernels (GEMM, weighted Gram, Cholesky,
 * complex GEMM) vs numpy, on the same inputs (sent to `peers/core_tensor.py`). The check is ‖C‖²_F of the
 * first call's result.
 */

import { f32, f64, type PeerCase, type PeerSuite, tfjsThreads } from "../../../tooling/bench-peers/suite.js";
import {
  type CMatrix,
  cholesky,
  cmatmul,
  initBackend,
  type Matrix64,
  matmul,
  Rng,
  randomComplexNormalMatrix,
  randomNormalMatrix,
  tf,
  weightedGram,
} from "../src/index.js";

function sumSq(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) ** 2;
  return s;
}

/** Runs `compute` every call; only the first call pays for reading the result back. */
function firstChecked<T>(compute: () => T, check: (r: T) => number, release?: (r: T) => void): () => number {
  let first = true;
  return () => {
    const r = compute();
    let v = Number.NaN;
    if (first) {
      v = check(r);
      first = false;
    }
    release?.(r);
    return v;
  };
}

function tfMatmulCase(m: number, k: number, n: number, mode: "NN" | "NT" | "TN"): PeerCase {
  const rng = new Rng(11);
  const aShape: [number, number] = mode === "TN" ? [k, m] : [m, k];
  const bShape: [number, number] = mode === "NT" ? [n, k] : [k, n];
  const a = rng.fillNormal(new Float32Array(m * k));
  const b = rng.fillNormal(new Float32Array(k * n));
  let ta: tf.Tensor2D | null = null;
  let tb: tf.Tensor2D | null = null;
  const label = mode === "NN" ? "plain" : mode === "NT" ? "B transposed" : "A transposed";
  return {
    name: `f32 matMul ${m}×${k}×${n}, ${label}`,
    peer: "torch",
    pyCase: "torch_matmul",
    params: { a: f32(a), b: f32(b), a_shape: aShape, b_shape: bShape, mode },
    rtol: 1e-4,
    prepare: () => {
      ta = tf.tensor2d(a, aShape);
      tb = tf.tensor2d(b, bShape);
      const x = ta;
      const y = tb;
      return firstChecked(
        () => tf.matMul(x, y, mode === "TN", mode === "NT"),
        (c) => sumSq(c.dataSync()),
        (c) => c.dispose(),
      );
    },
    dispose: () => {
      ta?.dispose();
      tb?.dispose();
    },
  };
}

function gemmCase(n: number): PeerCase {
  const A = randomNormalMatrix(21, n, n);
  const B = randomNormalMatrix(22, n, n);
  return {
    name: `f64 GEMM n=${n}`,
    peer: "numpy",
    pyCase: "gemm",
    params: { a: f64(A.data), b: f64(B.data), n },
    rtol: 1e-10,
    prepare: () =>
      firstChecked(
        () => matmul(A, B),
        (C) => sumSq(C.data),
      ),
  };
}

function gramCase(n: number, d: number): PeerCase {
  const X = randomNormalMatrix(31, n, d);
  const w = Float64Array.from({ length: n }, (_, i) => 0.5 + ((i * 37) % 101) / 101);
  return {
    name: `weightedGram ${n}×${d}`,
    peer: "numpy",
    pyCase: "weighted_gram",
    params: { x: f64(X.data), w: f64(w), n, d },
    rtol: 1e-10,
    prepare: () =>
      firstChecked(
        () => weightedGram(X, w),
        (G) => sumSq(G.data),
      ),
  };
}

function choleskyCase(n: number): PeerCase {
  // a well-conditioned SPD matrix: GᵀG/n + I
  const G = randomNormalMatrix(41, n, n);
  const S = weightedGram(G);
  const data = S.data.map((v, idx) => v / n + (idx % (n + 1) === 0 ? 1 : 0));
  const A: Matrix64 = { rows: n, cols: n, data };
  return {
    name: `Cholesky n=${n}`,
    peer: "numpy",
    pyCase: "cholesky",
    params: { a: f64(data), n },
    rtol: 1e-10,
    prepare: () =>
      firstChecked(
        () => cholesky(A),
        (L) => sumSq(L.data),
      ),
  };
}

function complexGemmCase(n: number): PeerCase {
  const A: CMatrix = randomComplexNormalMatrix(51, n, n);
  const B: CMatrix = randomComplexNormalMatrix(52, n, n);
  return {
    name: `complex GEMM n=${n}`,
    peer: "numpy",
    pyCase: "complex_gemm",
    params: { are: f64(A.re), aim: f64(A.im), bre: f64(B.re), bim: f64(B.im), n },
    rtol: 1e-10,
    prepare: () =>
      firstChecked(
        () => cmatmul(A, B),
        (C) => sumSq(C.re) + sumSq(C.im),
      ),
  };
}

export const suite: PeerSuite = {
  script: "peers/core_tensor.py",
  init: async () => {
    await initBackend();
    return tfjsThreads(tf);
  },
  cases: () => [
    ...(["NN", "NT", "TN"] as const).map((mode) => tfMatmulCase(128, 512, 512, mode)),
    ...(["NN", "NT", "TN"] as const).map((mode) => tfMatmulCase(512, 512, 512, mode)),
    ...[128, 256, 512].map(gemmCase),
    gramCase(1000, 100),
    ...[256, 512].map(choleskyCase),
    ...[128, 256].map(complexGemmCase),
  ],
};
