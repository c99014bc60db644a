/**
 * Test-only comparisons of numeric arrays (not exported from the package entry points and not
 * published: `files` excludes `src/testing`).
 */

/** max_i |aᵢ − bᵢ| over the length of `a`. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** max_i |aᵢ − bᵢ| divided by max(max_i |bᵢ|, 1): relative to the reference `b`, absolute near zero. */
export function maxRelativeDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(b[i] as number));
  return maxAbsDiff(a, b) / Math.max(scale, 1);
}

/** max_k max(|Re Xₖ − Re Yₖ|, |Im Xₖ − Im Yₖ|) over the entries of `X` (split complex storage, e.g. a CMatrix). */
export function maxComplexDiff(
  X: { re: ArrayLike<number>; im: ArrayLike<number> },
  Y: { re: ArrayLike<number>; im: ArrayLike<number> },
): number {
  let m = 0;
  for (let k = 0; k < X.re.length; k++)
    m = Math.max(
      m,
      Math.abs((X.re[k] as number) - (Y.re[k] as number)),
      Math.abs((X.im[k] as number) - (Y.im[k] as number)),
    );
  return m;
}
