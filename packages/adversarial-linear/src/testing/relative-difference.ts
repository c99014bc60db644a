/** Test-only helper (not exported from `src/index.ts`, not published: `files` excludes `src/testing`). */

/** |a − b| / |b|: the relative difference of `a` from the reference `b`. */
export function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}
