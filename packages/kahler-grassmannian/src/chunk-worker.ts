/**
 * The functions that worker threads run on one chunk of points (Node entry `/node`). Each receives a
 * plain-data copy of its chunk and returns plain data, so it can cross threads by structured clone.
 */
import type { CMatrix } from "@descent/core-tensor";
import type { PointCloud } from "./point-cloud.js";
import type { SectionBasis } from "./section-basis.js";
import { tOperatorPartial } from "./t-operator.js";

/** Input of {@link tOperatorChunk}: the chunk's points, the basis and H. */
export interface TOperatorChunkInput {
  cloud: PointCloud;
  basis: SectionBasis;
  H: CMatrix;
}

/** Σ (w/s†Hs)·ss† over every point of the chunk. */
export function tOperatorChunk(input: TOperatorChunkInput): CMatrix {
  return tOperatorPartial(input.cloud, input.basis, input.H, 0, input.cloud.n);
}
