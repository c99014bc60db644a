import { beforeAll, describe, expect, it } from "vitest";
import { checkEntries, type HostileInputEntry as Entry } from "../../../tooling/vitest/hostile-input.js";
import {
  assertKnownOptions,
  cholesky,
  conjugateGradient,
  eigh,
  expm,
  fromRows,
  initBackend,
  inverse,
  lstsq,
  matmul,
  matrix64,
  normalTensor,
  Rng,
  ridge,
  slogdet,
  solve,
} from "./index.js";

const spd = () =>
  fromRows([
    [4, 1, 0],
    [1, 3, 1],
    [0, 1, 2],
  ]);
const rect = () => matrix64(4, 2, Float64Array.of(1, 0, 0, 1, 1, 1, 2, -1));

const entries: Entry[] = [
  {
    name: "matrix64",
    valid: () => [2, 2, [1, 2, 3, 4]],
    call: (a) => matrix64(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "fromRows",
    valid: () => [
      [
        [1, 2],
        [3, 4],
      ],
    ],
    call: (a) => fromRows(a[0] as never),
  },
  {
    name: "matmul",
    valid: () => [spd(), spd(), {}],
    call: (a) => matmul(a[0] as never, a[1] as never, a[2] as never),
  },
  { name: "cholesky", valid: () => [spd(), {}], call: (a) => cholesky(a[0] as never, a[1] as never) },
  {
    name: "solve",
    valid: () => [spd(), Float64Array.of(1, 2, 3), {}],
    call: (a) => solve(a[0] as never, a[1] as never, a[2] as never),
  },
  { name: "inverse", valid: () => [spd()], call: (a) => inverse(a[0] as never) },
  {
    name: "lstsq",
    valid: () => [rect(), Float64Array.of(1, 2, 3, 4), {}],
    call: (a) => lstsq(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "ridge",
    valid: () => [rect(), Float64Array.of(1, 2, 3, 4), 0.1, {}],
    call: (a) => ridge(a[0] as never, a[1] as never, a[2] as never, a[3] as never),
  },
  { name: "eigh", valid: () => [spd(), {}], call: (a) => eigh(a[0] as never, a[1] as never) },
  { name: "slogdet", valid: () => [spd()], call: (a) => slogdet(a[0] as never) },
  { name: "expm", valid: () => [spd()], call: (a) => expm(a[0] as never) },
  {
    name: "conjugateGradient",
    valid: () => [spd(), Float64Array.of(1, 2, 3), { tol: 1e-10, maxIterations: 20 }],
    call: (a) => conjugateGradient(a[0] as never, a[1] as never, a[2] as never),
  },
  { name: "Rng", valid: () => [3], call: (a) => new Rng(a[0] as never).normalArray(3) },
  {
    name: "Rng.normalArray",
    valid: () => [4, 0, 1],
    call: (a) => new Rng(1).normalArray(a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "normalTensor",
    valid: () => [[2, 3], 0, 1],
    call: (a) => normalTensor(new Rng(1), a[0] as never, a[1] as never, a[2] as never),
  },
  {
    name: "assertKnownOptions",
    valid: () => [{ a: 1 }, ["a", "b"]],
    call: (a) => assertKnownOptions(a[0], a[1] as never),
  },
];

describe("core-tensor public entry points under hostile input (fast-check)", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("throw a DescentError naming the parameter or return finite numbers, leaking no tensor", async () => {
    const { tried, problems } = await checkEntries(entries);
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(entries.length * 40);
  }, 60_000);
});
