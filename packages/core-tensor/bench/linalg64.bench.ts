/**
 * Float64 linear algebra benchmark: our kernels against a naive triple loop (and, for matmul, the
 * i-k-j kernel with 4-row register blocking of platform notes §3) and against ml-matrix 6.15.1, at
 * n = 64, 256, 512 (SVD and eigh at 64 and 256 by default; `--full` adds 512), with the relative
 * error against ml-matrix; then tfjs matMul on wasm vs cpu (float32) and the complex kernels.
 *
 * Run: `pnpm --filter @descent/core-tensor bench` (all benches) or
 * `node --conditions=source --import tsx bench/linalg64.bench.ts [--quick] [--full]`.
 * Times are process CPU milliseconds per call, best of several runs (the machines are shared).
 */
import { cpus } from "node:os";
import {
  CholeskyDecomposition,
  EigenvalueDecomposition,
  Matrix,
  SingularValueDecomposition,
} from "ml-matrix";
import {
  cholesky,
  cmatmul,
  eigh,
  hermitianEigh,
  hermitianGram,
  initBackend,
  type Matrix64,
  matmul,
  matvec,
  randomComplexNormalMatrix,
  randomHermitian,
  randomNormalMatrix,
  randomSymmetric,
  svd,
  tf,
  toRows,
  weightedGram,
} from "../src/index.js";
import { bestCpuMs, fmtMs, fmtRatio, printTable } from "./timing.js";

const quick = process.argv.includes("--quick");
const full = process.argv.includes("--full");
const sizes = quick ? [64, 128] : [64, 256, 512];
const decompSizes = quick ? [64] : full ? [64, 256, 512] : [64, 256];

/** Textbook i-j-k triple loop (the "obvious implementation"). */
function naiveMatmul(n: number, a: Float64Array, b: Float64Array): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += (a[i * n + k] as number) * (b[k * n + j] as number);
      c[i * n + j] = s;
    }
  return c;
}

/** The i-k-j kernel with 4-row register blocking, k-block 128, j-block 256 (platform notes §3). */
function ikjMatmul(n: number, a: Float64Array, b: Float64Array): Float64Array {
  const c = new Float64Array(n * n);
  for (let kk = 0; kk < n; kk += 128) {
    const kEnd = Math.min(kk + 128, n);
    for (let jj = 0; jj < n; jj += 256) {
      const jEnd = Math.min(jj + 256, n);
      let i = 0;
      for (; i + 3 < n; i += 4) {
        const r0 = i * n;
        const r1 = r0 + n;
        const r2 = r1 + n;
        const r3 = r2 + n;
        for (let k = kk; k < kEnd; k++) {
          const v0 = a[r0 + k] as number;
          const v1 = a[r1 + k] as number;
          const v2 = a[r2 + k] as number;
          const v3 = a[r3 + k] as number;
          const bk = k * n;
          for (let j = jj; j < jEnd; j++) {
            const bv = b[bk + j] as number;
            c[r0 + j] = (c[r0 + j] as number) + v0 * bv;
            c[r1 + j] = (c[r1 + j] as number) + v1 * bv;
            c[r2 + j] = (c[r2 + j] as number) + v2 * bv;
            c[r3 + j] = (c[r3 + j] as number) + v3 * bv;
          }
        }
      }
      for (; i < n; i++)
        for (let k = kk; k < kEnd; k++) {
          const v = a[i * n + k] as number;
          for (let j = jj; j < jEnd; j++)
            c[i * n + j] = (c[i * n + j] as number) + v * (b[k * n + j] as number);
        }
    }
  }
  return c;
}

/** Textbook Cholesky–Crout triple loop (column by column, strided access). */
function naiveCholesky(n: number, a: Float64Array): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j] as number;
    for (let k = 0; k < j; k++) d -= (l[j * n + k] as number) ** 2;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** Textbook cyclic two-sided Jacobi eigenvalue iteration (values only) as the naive eigh. */
function naiveJacobiEigenvalues(n: number, a0: Float64Array): Float64Array {
  const a = a0.slice();
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) off += (a[i * n + j] as number) ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (apq === 0) continue;
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
      }
  }
  return Float64Array.from({ length: n }, (_, i) => a[i * n + i] as number).sort();
}

function relError(ours: ArrayLike<number>, ref: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < ref.length; i++) {
    num = Math.max(num, Math.abs((ours[i] as number) - (ref[i] as number)));
    den = Math.max(den, Math.abs(ref[i] as number));
  }
  return den === 0 ? num : num / den;
}

function toMl(A: Matrix64): Matrix {
  return new Matrix(toRows(A));
}

function mlData(M: Matrix): Float64Array {
  return Float64Array.from(M.to1DArray());
}

function spd(n: number): Matrix64 {
  const X = randomNormalMatrix(11, n, n);
  const S = matmul(X, X, { transA: true });
  for (let i = 0; i < n; i++) S.data[i * n + i] = (S.data[i * n + i] as number) + n;
  return S;
}

const e = (x: number) => x.toExponential(1);
const headers = [
  "op",
  "n",
  "naive ms",
  "ml-matrix ms",
  "ours ms",
  "naive/ours",
  "ml-matrix/ours",
  "rel. error vs ml-matrix",
];
const rows: (string | number)[][] = [];
const heavy = { minReps: 1, minTotalMs: 0 };

/** A table row timing our svd against ml-matrix's on `A`, with the relative error of σ. */
function svdRow(
  label: string,
  n: number,
  A: Matrix64,
  timing: Parameters<typeof bestCpuMs>[1],
): (string | number)[] {
  const mA = toMl(A);
  const tsMl = bestCpuMs(() => new SingularValueDecomposition(mA), timing);
  const tsOurs = bestCpuMs(() => svd(A), timing);
  const errS = relError(svd(A).S, new SingularValueDecomposition(mA).diagonal);
  return [label, n, "—", fmtMs(tsMl), fmtMs(tsOurs), "—", fmtRatio(tsMl / tsOurs), `σ: ${e(errS)}`];
}

console.log(
  `# linalg64 benchmark (${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, ${new Date().toISOString()})`,
);
console.log("CPU ms per call, best of runs.\n");

for (const n of sizes) {
  const A = randomNormalMatrix(1, n, n);
  const B = randomNormalMatrix(2, n, n);
  const mA = toMl(A);
  const mB = toMl(B);
  const big = n >= 512;
  const tNaive = bestCpuMs(() => naiveMatmul(n, A.data, B.data), big ? heavy : {});
  const tIkj = bestCpuMs(() => ikjMatmul(n, A.data, B.data), big ? heavy : {});
  const tMl = bestCpuMs(() => mA.mmul(mB), big ? heavy : {});
  const tOurs = bestCpuMs(() => matmul(A, B));
  const err = relError(matmul(A, B).data, mlData(mA.mmul(mB)));
  const errNaive = relError(matmul(A, B).data, naiveMatmul(n, A.data, B.data));
  rows.push([
    "matmul",
    n,
    fmtMs(tNaive),
    fmtMs(tMl),
    fmtMs(tOurs),
    fmtRatio(tNaive / tOurs),
    fmtRatio(tMl / tOurs),
    e(err),
  ]);
  rows.push([
    "matmul, i-k-j kernel (platform notes §3) as 'naive'",
    n,
    fmtMs(tIkj),
    "",
    fmtMs(tOurs),
    fmtRatio(tIkj / tOurs),
    "",
    `vs naive loop ${e(errNaive)}`,
  ]);
  const S = spd(n);
  const mS = toMl(S);
  const tcNaive = bestCpuMs(() => naiveCholesky(n, S.data), big ? heavy : {});
  const tcMl = bestCpuMs(() => new CholeskyDecomposition(mS));
  const tcOurs = bestCpuMs(() => cholesky(S));
  const errC = relError(cholesky(S).data, mlData(new CholeskyDecomposition(mS).lowerTriangularMatrix));
  rows.push([
    "cholesky",
    n,
    fmtMs(tcNaive),
    fmtMs(tcMl),
    fmtMs(tcOurs),
    fmtRatio(tcNaive / tcOurs),
    fmtRatio(tcMl / tcOurs),
    e(errC),
  ]);
}

for (const n of decompSizes) {
  const A = randomNormalMatrix(3, n, n);
  const slow = n >= 256 ? heavy : {};
  rows.push(svdRow("svd (U, S, V)", n, A, slow));
  const { A: H } = randomSymmetric(
    4,
    Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 3),
  );
  const mH = toMl(H);
  const teNaive = bestCpuMs(() => naiveJacobiEigenvalues(n, H.data), slow);
  const teMl = bestCpuMs(() => new EigenvalueDecomposition(mH, { assumeSymmetric: true }), slow);
  const teOurs = bestCpuMs(() => eigh(H), slow);
  const ref = new EigenvalueDecomposition(mH, { assumeSymmetric: true }).realEigenvalues
    .slice()
    .sort((x, y) => x - y);
  const errE = relError(eigh(H).values, ref);
  rows.push([
    "eigh (values + vectors; naive = Jacobi, values only)",
    n,
    fmtMs(teNaive),
    fmtMs(teMl),
    fmtMs(teOurs),
    fmtRatio(teNaive / teOurs),
    fmtRatio(teMl / teOurs),
    `λ: ${e(errE)}`,
  ]);
}
{
  // A tall matrix takes the QR-preconditioned path of svd.
  const [m, n] = quick ? [200, 40] : [512, 100];
  const A = randomNormalMatrix(9, m, n);
  rows.push(svdRow(`svd, tall ${m}×${n}`, n, A, {}));
}
printTable(headers, rows);

// Gram matrices and matrix–vector products at regression sizes (adversarial-linear.md §h).
console.log("\n## weightedGram and gemv\n");
{
  const [n, d] = quick ? [1000, 100] : [10000, 300];
  const X = randomNormalMatrix(12, n, d);
  const w = Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 7) / 7);
  // Naive: Σᵢ wᵢ xᵢxᵢᵀ over the upper triangle, row by row.
  const naiveGram = () => {
    const g = new Float64Array(d * d);
    for (let r = 0; r < n; r++) {
      const wr = w[r] as number;
      const row = r * d;
      for (let i = 0; i < d; i++) {
        const a = wr * (X.data[row + i] as number);
        for (let j = i; j < d; j++) g[i * d + j] = (g[i * d + j] as number) + a * (X.data[row + j] as number);
      }
    }
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) g[i * d + j] = g[j * d + i] as number;
    return g;
  };
  const tn = bestCpuMs(naiveGram);
  const to = bestCpuMs(() => weightedGram(X, w));
  const x = Float64Array.from({ length: d }, (_, i) => Math.cos(i));
  const naiveGemv = () => {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (X.data[i * d + j] as number) * (x[j] as number);
      y[i] = s;
    }
    return y;
  };
  const tgn = bestCpuMs(naiveGemv);
  const tgo = bestCpuMs(() => matvec(X, x));
  printTable(
    ["op", "naive ms", "ours ms", "naive/ours", "rel. error vs naive"],
    [
      [
        `weightedGram ${n}×${d}`,
        fmtMs(tn),
        fmtMs(to),
        fmtRatio(tn / to),
        e(relError(weightedGram(X, w).data, naiveGram())),
      ],
      [
        `matvec ${n}×${d}`,
        fmtMs(tgn),
        fmtMs(tgo),
        fmtRatio(tgn / tgo),
        e(relError(matvec(X, x), naiveGemv())),
      ],
    ],
  );
}

// tfjs float32 matMul: wasm vs cpu (wall time including the read-back, best of runs).
console.log("\n## tfjs matMul (float32), wasm vs cpu\n");
function bestWallMs(fn: () => void, reps: number): number {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
const tfRows: (string | number)[][] = [];
const tfSizes = quick ? [64, 128] : [64, 256, 512];
const tfTimes: Record<string, number[]> = {};
for (const backend of ["wasm", "cpu"] as const) {
  await initBackend({ backend, fallback: false });
  tfTimes[backend] = tfSizes.map((n) => {
    const a = tf.randomNormal([n, n], 0, 1, "float32", 1);
    const b = tf.randomNormal([n, n], 0, 1, "float32", 2);
    const ms = bestWallMs(
      () => {
        const c = tf.matMul(a, b);
        c.dataSync();
        c.dispose();
      },
      n >= 512 ? 3 : 10,
    );
    a.dispose();
    b.dispose();
    return ms;
  });
}
tfSizes.forEach((n, i) => {
  const w = tfTimes.wasm?.[i] as number;
  const c = tfTimes.cpu?.[i] as number;
  tfRows.push([n, fmtMs(w), fmtMs(c), fmtRatio(c / w), `${((2 * n ** 3) / (w * 1e6)).toFixed(1)}`]);
});
printTable(["n", "wasm ms", "cpu ms", "cpu/wasm", "wasm GFLOP/s"], tfRows);
await initBackend({ backend: "wasm" });

// Complex kernels (split re/im storage).
console.log("\n## complex64\n");
const cRows: (string | number)[][] = [];
{
  const n = quick ? 64 : 128;
  const A = randomComplexNormalMatrix(5, n, n);
  const B = randomComplexNormalMatrix(6, n, n);
  const naive = () => {
    const re = new Float64Array(n * n);
    const im = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let sr = 0;
        let si = 0;
        for (let k = 0; k < n; k++) {
          const ar = A.re[i * n + k] as number;
          const ai = A.im[i * n + k] as number;
          const br = B.re[k * n + j] as number;
          const bi = B.im[k * n + j] as number;
          sr += ar * br - ai * bi;
          si += ar * bi + ai * br;
        }
        re[i * n + j] = sr;
        im[i * n + j] = si;
      }
    return re;
  };
  const tn = bestCpuMs(naive);
  const to = bestCpuMs(() => cmatmul(A, B));
  cRows.push([
    `cmatmul ${n}×${n}`,
    fmtMs(tn),
    fmtMs(to),
    fmtRatio(tn / to),
    e(relError(cmatmul(A, B).re, naive())),
  ]);
  const k = quick ? 500 : 2000;
  const N = quick ? 50 : 100;
  const Z = randomComplexNormalMatrix(7, k, N);
  const naiveRankK = () => {
    const re = new Float64Array(N * N);
    const im = new Float64Array(N * N);
    for (let i = 0; i < k; i++)
      for (let a = 0; a < N; a++) {
        const xr = Z.re[i * N + a] as number;
        const xi = Z.im[i * N + a] as number;
        for (let b = 0; b < N; b++) {
          const yr = Z.re[i * N + b] as number;
          const yi = -(Z.im[i * N + b] as number);
          re[a * N + b] = (re[a * N + b] as number) + xr * yr - xi * yi;
          im[a * N + b] = (im[a * N + b] as number) + xr * yi + xi * yr;
        }
      }
    return re;
  };
  const tr = bestCpuMs(naiveRankK);
  const tro = bestCpuMs(() => hermitianGram(Z));
  cRows.push([
    `Σ zᵢzᵢᴴ, ${k} vectors, N = ${N}`,
    fmtMs(tr),
    fmtMs(tro),
    fmtRatio(tr / tro),
    e(relError(hermitianGram(Z).re, naiveRankK())),
  ]);
  for (const m of quick ? [32] : [64, 128]) {
    const { A: H } = randomHermitian(
      8,
      Float64Array.from({ length: m }, (_, i) => i + 1),
    );
    const th = bestCpuMs(() => hermitianEigh(H), heavy);
    cRows.push([`hermitianEigh n = ${m} (Jacobi)`, "—", fmtMs(th), "—", "—"]);
  }
}
printTable(["op", "naive ms", "ours ms", "naive/ours", "rel. error vs naive"], cRows);
