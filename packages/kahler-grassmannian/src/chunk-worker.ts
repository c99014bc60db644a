/**
 * The function that worker threads run on one chunk of points (Node entry `/node`). The cloud and the
 * section table live in SharedArrayBuffers (sent once per cloud; structured clone of a shared array
 * shares it), so a task carries only its range, the basis and H. On a table's first use each chunk
 * fills its own rows (disjoint rows, so no two workers write the same memory); later calls only read.
 */
import { type CMatrix, cmatrix } from "@descent/core-tensor";
import { computeSections } from "./jets.js";
import type { PointCloud } from "./point-cloud.js";
import type { SectionBasis } from "./section-basis.js";
import { tOperatorOfSections } from "./t-operator.js";

/** Input of {@link tOperatorChunk}. */
export interface TOperatorChunkInput {
  /** The whole cloud, its arrays backed by SharedArrayBuffers. */
  cloud: PointCloud;
  basis: SectionBasis;
  H: CMatrix;
  start: number;
  end: number;
  /** The shared n × N section table of (cloud, basis). */
  tableRe: Float64Array;
  tableIm: Float64Array;
  /** Whether this chunk must first compute its rows of the table. */
  fill: boolean;
}

/** Σ (w/s†Hs)·ss† over the points [start, end) of the shared cloud. */
export function tOperatorChunk(input: TOperatorChunkInput): CMatrix {
  const { cloud, basis, start, end } = input;
  const N = basis.size;
  const re = input.tableRe.subarray(start * N, end * N);
  const im = input.tableIm.subarray(start * N, end * N);
  if (input.fill) {
    const s = computeSections(cloud, basis, start, end);
    re.set(s.re);
    im.set(s.im);
  }
  return tOperatorOfSections(cmatrix(end - start, N, re, im), cloud.weight.subarray(start, end), input.H);
}
