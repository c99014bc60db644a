import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend, tf } from "../backend.js";
import { Rng } from "../rng.js";
import { registerWasmFastKernels, unregisterWasmFastKernels } from "./register-wasm-fast-kernels.js";

// The reference is a float64 triple loop with numpy-style broadcasting of the outer dims, written here:
// tfjs's own cpu and wasm kernels return too few elements for shapes such as [2,1,m,k]·[3,k,n].
function reference(
  a: Float64Array,
  aShape: number[],
  b: Float64Array,
  bShape: number[],
  transposeA: boolean,
  transposeB: boolean,
): { values: Float64Array; shape: number[] } {
  const ar = aShape.length;
  const br = bShape.length;
  const [aRows, aCols] = [aShape[ar - 2] as number, aShape[ar - 1] as number];
  const [bRows, bCols] = [bShape[br - 2] as number, bShape[br - 1] as number];
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const n = transposeB ? bRows : bCols;
  const aOuter = aShape.slice(0, -2);
  const bOuter = bShape.slice(0, -2);
  const rank = Math.max(aOuter.length, bOuter.length);
  const pad = (s: number[]) => [...new Array(rank - s.length).fill(1), ...s];
  const [pa, pb] = [pad(aOuter), pad(bOuter)];
  const outer = pa.map((d, i) => Math.max(d, pb[i] as number));
  const batch = outer.reduce((x, y) => x * y, 1);
  const values = new Float64Array(batch * m * n);
  const flat = (coords: number[], dims: number[]) =>
    coords.reduce((acc, c, i) => acc * (dims[i] as number) + ((dims[i] as number) === 1 ? 0 : c), 0);
  for (let o = 0; o < batch; o++) {
    const coords: number[] = [];
    let rest = o;
    for (let d = rank - 1; d >= 0; d--) {
      coords.unshift(rest % (outer[d] as number));
      rest = Math.floor(rest / (outer[d] as number));
    }
    const ao = flat(coords, pa) * aRows * aCols;
    const bo = flat(coords, pb) * bRows * bCols;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) {
          const av = a[ao + (transposeA ? p * aCols + i : i * aCols + p)] as number;
          const bv = b[bo + (transposeB ? j * bCols + p : p * bCols + j)] as number;
          s += av * bv;
        }
        values[o * m * n + i * n + j] = s;
      }
    }
  }
  return { values, shape: [...outer, m, n] };
}

/** max |x − y| / (1 + max |y|): float32 rounding of a length-k sum is ~k·6e-8 relative to the scale. */
function relativeError(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let err = 0;
  let scale = 0;
  expect(x.length).toBe(y.length);
  for (let i = 0; i < y.length; i++) {
    err = Math.max(err, Math.abs((x[i] as number) - (y[i] as number)));
    scale = Math.max(scale, Math.abs(y[i] as number));
  }
  return err / (1 + scale);
}

const rng = new Rng(11);
/** Normal draws rounded to float32, so that the float64 reference sees exactly the tensors' values. */
function data(shape: number[]): Float64Array {
  return Float64Array.from(Float32Array.from(rng.normalArray(shape.reduce((x, y) => x * y, 1))));
}

function tensor(values: Float64Array, shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from(values), shape, "float32");
}

/** Runs `f` with tfjs's own kernels, then restores the fast ones. */
function withOriginalKernels<T>(f: () => T): T {
  unregisterWasmFastKernels();
  try {
    return f();
  } finally {
    registerWasmFastKernels();
  }
}

describe("wasm matMul fast path", () => {
  beforeAll(async () => {
    await initBackend();
  });
  afterAll(() => {
    registerWasmFastKernels();
  });

  // operand shapes as stored; rows that are multiples of 128 take the blocked heap transpose, the others
  // tfjs's Transpose kernel; odd sizes exercise the edges of the 4×4 tiles
  const cases: [string, number[], number[], boolean, boolean][] = [];
  for (const [ta, tb] of [
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ] as const) {
    const sa = (m: number, k: number) => (ta ? [k, m] : [m, k]);
    const sb = (k: number, n: number) => (tb ? [n, k] : [k, n]);
    cases.push([`2-D 37×53·53×29`, sa(37, 53), sb(53, 29), ta, tb]);
    cases.push([`2-D 128×256·256×130`, sa(128, 256), sb(256, 130), ta, tb]);
    cases.push([`2-D 7×128·128×5 (tiny outer dims)`, sa(7, 128), sb(128, 5), ta, tb]);
    cases.push([`batched [3]`, [3, ...sa(33, 40)], [3, ...sb(40, 31)], ta, tb]);
    cases.push([`batch against one matrix`, [4, ...sa(33, 40)], sb(40, 31), ta, tb]);
    cases.push([`one matrix against a batch`, sa(33, 40), [2, ...sb(40, 31)], ta, tb]);
    cases.push([`broadcast outer dims [2,1] vs [3]`, [2, 1, ...sa(33, 40)], [3, ...sb(40, 31)], ta, tb]);
  }

  it.each(cases)(
    "%s (transposeA %s, transposeB %s) equals the float64 product to float32 rounding",
    (_, sa, sb, ta, tb) => {
      const a = data(sa);
      const b = data(sb);
      const expected = reference(a, sa, b, sb, ta, tb);
      const [values, shape] = tf.tidy(() => {
        const c = tf.matMul(tensor(a, sa), tensor(b, sb), ta, tb);
        return [c.dataSync(), c.shape];
      });
      expect(shape).toEqual(expected.shape);
      expect(relativeError(values, expected.values)).toBeLessThan(2e-6);
    },
  );

  it("equals tfjs's own wasm kernel to float32 rounding where that kernel is right (2-D and equal batches)", () => {
    for (const [sa, sb, ta, tb] of [
      [[64, 96], [80, 96], false, true],
      [[96, 64], [96, 80], true, false],
      [[96, 64], [80, 96], true, true],
      [[2, 64, 96], [2, 96, 80], false, false],
      [[2, 96, 64], [2, 80, 96], true, true],
    ] as [number[], number[], boolean, boolean][]) {
      const A = tensor(data(sa), sa);
      const B = tensor(data(sb), sb);
      const fast = tf.tidy(() => tf.matMul(A, B, ta, tb).dataSync());
      const original = withOriginalKernels(() => tf.tidy(() => tf.matMul(A, B, ta, tb).dataSync()));
      expect(relativeError(fast, original)).toBeLessThan(2e-6);
      tf.dispose([A, B]);
    }
  });

  const activations = ["linear", "relu", "relu6", "elu", "sigmoid", "leakyrelu", "prelu"] as const;
  const activate = (x: number, act: (typeof activations)[number], alpha: number): number => {
    switch (act) {
      case "relu":
        return Math.max(0, x);
      case "relu6":
        return Math.min(6, Math.max(0, x));
      case "elu":
        return x >= 0 ? x : Math.expm1(x);
      case "sigmoid":
        return 1 / (1 + Math.exp(-x));
      case "leakyrelu":
      case "prelu":
        return x >= 0 ? x : alpha * x;
      default:
        return x;
    }
  };
  const fusedCases: [(typeof activations)[number], boolean, boolean, number[]][] = [];
  for (const act of activations)
    for (const [ta, tb] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ] as const)
      for (const outer of [[], [2]]) fusedCases.push([act, ta, tb, outer]);

  it.each(fusedCases)(
    "fused matMul + bias + %s (transposeA %s, transposeB %s, outer %j) is right",
    (act, ta, tb, outer) => {
      const [m, k, n] = [33, 40, 31];
      const sa = [...outer, ...(ta ? [k, m] : [m, k])];
      const sb = [...outer, ...(tb ? [n, k] : [k, n])];
      const a = data(sa);
      const b = data(sb);
      const bias = data([n]);
      // prelu weights per output column, all the same slope so that the reference needs no broadcasting rule
      const alpha = 0.3;
      const product = reference(a, sa, b, sb, ta, tb);
      const expected = product.values.map((v, i) => activate(v + (bias[i % n] as number), act, alpha));
      const values = tf.tidy(() =>
        tf.fused
          .matMul({
            a: tensor(a, sa),
            b: tensor(b, sb),
            transposeA: ta,
            transposeB: tb,
            bias: tensor(bias, [n]),
            activation: act,
            ...(act === "prelu" ? { preluActivationWeights: tf.fill([n], alpha) } : {}),
            leakyreluAlpha: alpha,
          })
          .dataSync(),
      );
      expect(relativeError(values, expected)).toBeLessThan(2e-6);
    },
  );

  it("gives the gradients of a small MLP that tfjs's own kernels give, to float32 rounding", () => {
    const X = tensor(data([16, 20]), [16, 20]);
    const Y = tensor(data([16, 3]), [16, 3]);
    const params = [
      tensor(data([20, 32]), [20, 32]),
      tensor(data([32]), [32]),
      tensor(data([32, 3]), [32, 3]),
    ];
    const loss = (...[W1, b1, W2]: tf.Tensor[]) =>
      tf.mean(
        tf.square(
          tf.sub(
            tf.matMul(tf.relu(tf.add(tf.matMul(X, W1 as tf.Tensor2D), b1 as tf.Tensor)), W2 as tf.Tensor2D),
            Y,
          ),
        ),
      ) as tf.Scalar;
    const grads = () =>
      tf.tidy(() =>
        tf
          .grads(loss)(params)
          .map((g) => g.dataSync()),
      );
    const fast = grads();
    const original = withOriginalKernels(grads);
    for (let i = 0; i < fast.length; i++)
      expect(relativeError(fast[i] as Float32Array, original[i] as Float32Array)).toBeLessThan(2e-6);
    tf.dispose([X, Y, ...params]);
  });

  it("leaks neither tensors nor backend buffers (transposed, batched and fused calls)", () => {
    const A = tensor(data([3, 128, 40]), [3, 128, 40]);
    const B = tensor(data([3, 50, 40]), [3, 50, 40]);
    const bias = tensor(data([50]), [50]);
    const C = tensor(data([3, 40, 128]), [3, 40, 128]);
    const runAll = () =>
      tf.tidy(() => {
        tf.matMul(A, B, false, true).dataSync();
        tf.matMul(A, A, true, false).dataSync();
        tf.matMul(C, A, true, true).dataSync();
        tf.fused.matMul({ a: A, b: B, transposeB: true, bias, activation: "relu" }).dataSync();
      });
    runAll();
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const tensors = tf.memory().numTensors;
    const dataIds = backend.numDataIds();
    for (let i = 0; i < 3; i++) runAll();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.numDataIds()).toBe(dataIds);
    tf.dispose([A, B, C, bias]);
  });
});
