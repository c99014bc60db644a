import { Rng } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { Mlp } from "./mlp.js";

/** Loss L = Σ c_k·y_k for fixed c: dL/dy = c. Central differences in float64 on a float32 net. */
function finiteDifferenceCheck(output: "linear" | "tanh"): { maxRel: number; inputMaxAbs: number } {
  const rng = new Rng(3);
  const net = new Mlp({ sizes: [3, 5, 4, 2], output, rng });
  const batch = 4;
  const x = Float32Array.from(rng.normalArray(batch * 3));
  const c = Float32Array.from(rng.normalArray(batch * 2));
  const lossAt = () => {
    const y = net.forward(x, batch);
    let s = 0;
    for (let i = 0; i < y.length; i++) s += (c[i] as number) * (y[i] as number);
    return s;
  };
  lossAt();
  net.zeroGrad();
  const dx = Float32Array.from(net.backward(c));
  let maxRel = 0;
  const h = 1e-2;
  for (let i = 0; i < net.params.length; i++) {
    const p0 = net.params[i] as number;
    net.params[i] = p0 + h;
    const lp = lossAt();
    net.params[i] = p0 - h;
    const lm = lossAt();
    net.params[i] = p0;
    const fd = (lp - lm) / (2 * h);
    const g = net.grads[i] as number;
    maxRel = Math.max(maxRel, Math.abs(fd - g) / Math.max(1e-2, Math.abs(fd) + Math.abs(g)));
  }
  let inputMaxAbs = 0;
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i] as number;
    x[i] = x0 + h;
    const lp = lossAt();
    x[i] = x0 - h;
    const lm = lossAt();
    x[i] = x0;
    inputMaxAbs = Math.max(inputMaxAbs, Math.abs((lp - lm) / (2 * h) - (dx[i] as number)));
  }
  return { maxRel, inputMaxAbs };
}

describe("Mlp, the ts backend (docs/method.md §A.5)", () => {
  it("backprop matches central finite differences (linear output)", () => {
    const { maxRel, inputMaxAbs } = finiteDifferenceCheck("linear");
    expect(maxRel).toBeLessThan(5e-3);
    expect(inputMaxAbs).toBeLessThan(5e-3);
  });

  it("backprop matches central finite differences (tanh output)", () => {
    const { maxRel, inputMaxAbs } = finiteDifferenceCheck("tanh");
    expect(maxRel).toBeLessThan(5e-3);
    expect(inputMaxAbs).toBeLessThan(5e-3);
  });

  it("forward equals the explicit formula relu(x·W1 + b1)·W2 + b2", () => {
    const net = new Mlp({ sizes: [2, 3, 1], init: "torch", rng: new Rng(1) });
    const p = net.params;
    const x = [0.3, -1.2];
    let y = p[9 + 3] as number; // b2 after W1 (6), b1 (3), W2 (3)
    for (let j = 0; j < 3; j++) {
      const h = Math.max(
        0,
        (x[0] as number) * (p[j] as number) + (x[1] as number) * (p[3 + j] as number) + (p[6 + j] as number),
      );
      y += h * (p[9 + j] as number);
    }
    expect(net.forward(Float32Array.from(x), 1)[0]).toBeCloseTo(y, 5);
  });

  it("Glorot init stays within ±√(6/(fan_in+fan_out)) with zero biases; torch init within ±1/√fan_in", () => {
    const g = new Mlp({ sizes: [4, 64], rng: new Rng(2) });
    const lim = Math.sqrt(6 / 68);
    for (let i = 0; i < 256; i++) expect(Math.abs(g.params[i] as number)).toBeLessThanOrEqual(lim);
    for (let i = 256; i < 320; i++) expect(g.params[i]).toBe(0);
    const t = new Mlp({ sizes: [4, 64], init: "torch", rng: new Rng(2) });
    for (const v of t.params) expect(Math.abs(v)).toBeLessThanOrEqual(0.5);
  });

  it("copyFrom and softUpdateFrom implement θ⁻ ← θ and θ' ← τθ + (1−τ)θ'", () => {
    const a = new Mlp({ sizes: [2, 2], init: "torch", rng: new Rng(1) });
    const b = new Mlp({ sizes: [2, 2], init: "torch", rng: new Rng(2) });
    const b0 = Float32Array.from(b.params);
    b.softUpdateFrom(a, 0.25);
    for (let i = 0; i < b.params.length; i++)
      expect(b.params[i]).toBeCloseTo(0.25 * (a.params[i] as number) + 0.75 * (b0[i] as number), 6);
    b.copyFrom(a);
    expect(Array.from(b.params)).toEqual(Array.from(a.params));
    expect(() => b.copyFrom(new Mlp({ sizes: [3, 2], rng: new Rng(0) }))).toThrow(/other/);
  });

  it("rejects bad sizes, activations, init and short inputs", () => {
    expect(() => new Mlp({ sizes: [4], rng: new Rng(0) })).toThrow(/sizes/);
    expect(() => new Mlp({ sizes: [4, 0], rng: new Rng(0) })).toThrow(/sizes/);
    expect(() => new Mlp({ sizes: [4, 2], output: "relu" as "tanh", rng: new Rng(0) })).toThrow(/output/);
    expect(() => new Mlp({ sizes: [4, 2], init: "he" as "glorot", rng: new Rng(0) })).toThrow(/init/);
    const net = new Mlp({ sizes: [4, 2], rng: new Rng(0) });
    expect(() => net.forward(new Float32Array(3), 1)).toThrow(/x/);
  });
});

describe("Mlp four-row blocked kernels", () => {
  it("a batch of 11 rows (two blocks of four and a remainder) gives outputs, dLoss/dInput and accumulated gradients bit-identical to 11 one-row passes", () => {
    for (const output of ["linear", "tanh"] as const) {
      const rng = new Rng(21);
      const net = new Mlp({ sizes: [5, 16, 16, 3], output, init: "torch", rng });
      const B = 11;
      const x = Float32Array.from(rng.normalArray(B * 5));
      x[3] = 0; // zero inputs: the one-row loop skips them, the blocked loop adds exact zeros
      x[7] = 0;
      const dy = Float32Array.from(rng.normalArray(B * 3));
      net.zeroGrad();
      const y = Float32Array.from(net.forward(x, B));
      const dx = Float32Array.from(net.backward(dy));
      const grads = Float32Array.from(net.grads);
      net.zeroGrad();
      for (let r = 0; r < B; r++) {
        const yr = net.forward(x.subarray(r * 5, (r + 1) * 5), 1);
        expect(Array.from(yr)).toEqual(Array.from(y.subarray(r * 3, (r + 1) * 3)));
        const dxr = net.backward(dy.subarray(r * 3, (r + 1) * 3));
        expect(Array.from(dxr)).toEqual(Array.from(dx.subarray(r * 5, (r + 1) * 5)));
      }
      expect(Array.from(net.grads)).toEqual(Array.from(grads));
    }
  });

  it("inputGradient returns backward's dLoss/dInput and leaves the gradient accumulator untouched", () => {
    const rng = new Rng(22);
    const net = new Mlp({ sizes: [4, 8, 1], rng });
    const x = Float32Array.from(rng.normalArray(6 * 4));
    const dy = Float32Array.from(rng.normalArray(6));
    net.forward(x, 6);
    net.zeroGrad();
    net.grads[0] = 0.5;
    const viaInput = Float32Array.from(net.inputGradient(dy));
    expect(net.grads[0]).toBe(0.5);
    expect(net.grads.slice(1).every((g) => g === 0)).toBe(true);
    const viaBackward = net.backward(dy);
    expect(Array.from(viaInput)).toEqual(Array.from(viaBackward));
  });
});
