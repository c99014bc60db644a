/** Test-only fixture (not exported from `src/index.ts`, not published: `files` excludes `src/testing`). */
import { matrix64 } from "@descent/core-tensor";
import type { RegressionPrompt } from "../prompt.js";

/**
 * docs/method.md §f.1's hand-checkable instance: n = 4, d = 2, X = [[2,0],[0,1],[0,0],[0,0]], w* = (1,1), query (1,2),
 * so Ŝ = diag(1, 0.25), κ = 4 and GD with η = 1 contracts by exactly 0.75 per step.
 */
export function handInstance(): RegressionPrompt {
  return {
    X: matrix64(4, 2, Float64Array.from([2, 0, 0, 1, 0, 0, 0, 0])),
    y: Float64Array.from([2, 1, 0, 0]),
    xq: Float64Array.from([1, 2]),
    wStar: Float64Array.from([1, 1]),
    yq: 3,
  };
}
