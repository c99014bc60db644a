import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { encodeIdx, parseIdx } from "./idx.js";

describe("IDX format", () => {
  it("round-trips dimensions and bytes through encodeIdx/parseIdx", () => {
    const data = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 7);
    const parsed = parseIdx(encodeIdx([2, 3, 4], data));
    expect(parsed.dims).toEqual([2, 3, 4]);
    expect(Array.from(parsed.data)).toEqual(Array.from(data));
  });

  it("writes the big-endian header of the MNIST spec (magic 0x00000801 for labels)", () => {
    const bytes = encodeIdx([258], new Uint8Array(258));
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0, 0, 8, 1, 0, 0, 1, 2]);
  });

  it("rejects a wrong magic number, a non-byte type and truncated data", () => {
    expect(() => parseIdx(Uint8Array.from([1, 0, 8, 1, 0, 0, 0, 1, 5]), "f")).toThrow(/f is not an IDX file/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 5]))).toThrow(/type 0xd/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 3, 5]))).toThrow(/truncated/);
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 2, 0, 0]))).toThrow(DescentError);
  });

  it("encodeIdx rejects data whose size does not match the dimensions", () => {
    expect(() => encodeIdx([2, 2], new Uint8Array(3))).toThrow(/data has 3 bytes/);
  });
});
