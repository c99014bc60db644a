/**
 * Tabulated sections (docs/method.md §10): every iterative method (Donaldson's iteration, the learning
 * loops, their Armijo trials) evaluates the same sections s(z) and jets [s, ∂₁s, ∂₂s, ∂₃s] on the same
 * points over and over, and that evaluation costs as much as the linear algebra around it. So the first
 * evaluation on a cloud tabulates them for the whole cloud, and later evaluations are views into the
 * table — the same numbers, bit for bit, because the table is filled by the very same code.
 *
 * One table per cloud and kind (the most recent basis), kept only while the cloud is alive (WeakMap), and
 * only when it fits under the size limit (default 256 MiB per table; {@link setSectionTableLimit}). A cloud's
 * arrays must therefore not be modified after its first use (nothing in this package modifies them).
 */
import { assertInteger, type CMatrix, cmatrix } from "@descent/core-tensor";
import type { PointCloud } from "./point-cloud.js";
import type { SectionBasis } from "./section-basis.js";

/** `values`: n × N (s per point); `jets`: 4n × N (s, ∂₁s, ∂₂s, ∂₃s per point). */
export type SectionTableKind = "values" | "jets";

interface Entry {
  basis: SectionBasis;
  table: CMatrix;
}

const tables: Record<SectionTableKind, WeakMap<PointCloud, Entry>> = {
  values: new WeakMap(),
  jets: new WeakMap(),
};

let limitBytes = 256 * 2 ** 20;

/**
 * Sets the largest table (bytes) that is kept; 0 turns tabulation off. Default 256 MiB.
 *
 * @throws {DescentError} naming `bytes` unless it is a non-negative integer.
 */
export function setSectionTableLimit(bytes: number): void {
  assertInteger(bytes, "bytes", { min: 0 });
  limitBytes = bytes;
}

/** The current limit (bytes). */
export function sectionTableLimit(): number {
  return limitBytes;
}

/** Drops the tables of `cloud` (they are also dropped when the cloud is garbage-collected). */
export function clearSectionTables(cloud: PointCloud): void {
  tables.values.delete(cloud);
  tables.jets.delete(cloud);
}

/**
 * Rows [start, end) (in points) of the `kind` table of (cloud, basis), building the table with
 * `build(0, n)` on first use; or `build(start, end)` directly when the table would exceed the limit.
 */
export function tabulated(
  kind: SectionTableKind,
  cloud: PointCloud,
  basis: SectionBasis,
  start: number,
  end: number,
  build: (start: number, end: number) => CMatrix,
): CMatrix {
  const rowsPerPoint = kind === "values" ? 1 : 4;
  const bytes = 16 * rowsPerPoint * cloud.n * basis.size;
  if (bytes > limitBytes) return build(start, end);
  let entry = tables[kind].get(cloud);
  if (entry === undefined || entry.basis !== basis || entry.table.rows !== rowsPerPoint * cloud.n) {
    entry = { basis, table: build(0, cloud.n) };
    tables[kind].set(cloud, entry);
  }
  const N = basis.size;
  const a = rowsPerPoint * start * N;
  const b = rowsPerPoint * end * N;
  return cmatrix(
    rowsPerPoint * (end - start),
    N,
    entry.table.re.subarray(a, b),
    entry.table.im.subarray(a, b),
  );
}
