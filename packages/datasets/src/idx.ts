/**
 * The IDX file format of the original MNIST distribution (LeCun et al.): a 4-byte magic number
 * `0x00 0x00 <type> <ndims>`, `ndims` big-endian uint32 dimensions, then the data in C order.
 * Only the unsigned-byte type (`0x08`) occurs in MNIST, and only it is supported.
 */
import { DescentError } from "@descent/core-tensor";

/** A parsed IDX file: its dimensions and a zero-copy view of its bytes. */
export interface IdxArray {
  readonly dims: readonly number[];
  /** A view into the buffer that was parsed (no copy). */
  readonly data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

/**
 * Parses an unsigned-byte IDX file. `source` names the file in error messages.
 *
 * @example
 * ```ts
 * const { dims, data } = parseIdx(readFileSync("t10k-labels-idx1-ubyte")); // dims = [10000]
 * ```
 */
export function parseIdx(bytes: Uint8Array, source = "bytes"): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DescentError(`${source} is not an IDX file: its first two bytes must be 0`, {
      parameter: source,
      code: "format",
    });
  }
  if (bytes[2] !== UNSIGNED_BYTE) {
    throw new DescentError(
      `${source} has IDX type 0x${(bytes[2] ?? 0).toString(16)}; only unsigned bytes (0x08) are supported`,
      { parameter: source, code: "format" },
    );
  }
  const ndims = bytes[3] ?? 0;
  const headerLength = 4 + 4 * ndims;
  if (ndims === 0 || bytes.length < headerLength) {
    throw new DescentError(`${source} has a truncated IDX header (${ndims} dimensions)`, {
      parameter: source,
      code: "format",
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let size = 1;
  for (let i = 0; i < ndims; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    size *= d;
  }
  if (bytes.length - headerLength < size) {
    throw new DescentError(
      `${source} is truncated: dimensions [${dims.join(", ")}] need ${size} bytes, found ${bytes.length - headerLength}`,
      { parameter: source, code: "format" },
    );
  }
  return { dims, data: bytes.subarray(headerLength, headerLength + size) };
}

/** Serialises bytes with dimensions `dims` as an unsigned-byte IDX file (used to write fixtures). */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const size = dims.reduce((a, b) => a * b, 1);
  if (data.length !== size) {
    throw new DescentError(`data has ${data.length} bytes but dimensions [${dims.join(", ")}] need ${size}`, {
      parameter: "data",
      code: "shape",
    });
  }
  const out = new Uint8Array(4 + 4 * dims.length + size);
  const view = new DataView(out.buffer);
  out[2] = UNSIGNED_BYTE;
  out[3] = dims.length;
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  out.set(data, 4 + 4 * dims.length);
  return out;
}
