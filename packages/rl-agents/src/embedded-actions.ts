/**
 * Discrete actions embedded in ℝ^d (SAVO's recommender setting, Jain et al. 2025, and Wolpertinger,
 * Dulac-Arnold et al. 2015): every item i has a fixed embedding e_i, an actor outputs a continuous
 * proto-action, and the proto-action is mapped to items by Euclidean nearest neighbour over the
 * embeddings (docs/savo.md, "discrete actions").
 */
import { assertInteger, DescentError } from "@descent/core-tensor";

/** A finite item set whose items live in ℝ^dim: `embeddings` holds n × dim values, row-major. */
export interface EmbeddedDiscreteActionSpec {
  readonly kind: "embedded";
  readonly embeddings: Float32Array;
  readonly n: number;
  readonly dim: number;
}

/** Builds and checks an {@link EmbeddedDiscreteActionSpec} (non-empty, finite, n × dim values). */
export function embeddedActionSpec(embeddings: Float32Array, dim: number): EmbeddedDiscreteActionSpec {
  assertInteger(dim, "dim", { min: 1 });
  if (!(embeddings instanceof Float32Array) || embeddings.length === 0) {
    throw new DescentError("embeddings must be a non-empty Float32Array (the item set is empty)", {
      parameter: "embeddings",
      code: "empty",
    });
  }
  if (embeddings.length % dim !== 0) {
    throw new DescentError(
      `embeddings must hold n × dim values with dim = ${dim}, received ${embeddings.length}`,
      {
        parameter: "embeddings",
        code: "shape",
      },
    );
  }
  for (let i = 0; i < embeddings.length; i++) {
    if (!Number.isFinite(embeddings[i] as number)) {
      throw new DescentError(`embeddings must be finite, received ${embeddings[i]} at index ${i}`, {
        parameter: "embeddings",
        code: "finite",
      });
    }
  }
  return { kind: "embedded", embeddings, n: embeddings.length / dim, dim };
}

/** Throws unless `spec` is a usable embedded action set (n ≥ 1 items of the stated dimension). */
export function assertEmbeddedActionSpec(spec: EmbeddedDiscreteActionSpec, parameter = "action"): void {
  if (spec === null || typeof spec !== "object" || spec.kind !== "embedded") {
    throw new DescentError(`${parameter} must be an embedded action spec`, {
      parameter,
      code: "invalid-argument",
    });
  }
  if (!Number.isInteger(spec.n) || spec.n < 1 || spec.embeddings.length === 0) {
    throw new DescentError(`${parameter}.n must be ≥ 1 (the item set is empty), received ${spec.n}`, {
      parameter: `${parameter}.n`,
      code: "empty",
    });
  }
  if (!Number.isInteger(spec.dim) || spec.dim < 1 || spec.embeddings.length !== spec.n * spec.dim) {
    throw new DescentError(
      `${parameter}.embeddings must hold n × dim = ${spec.n * spec.dim} values, received ${spec.embeddings.length}`,
      { parameter: `${parameter}.embeddings`, code: "shape" },
    );
  }
}

/**
 * The `k` items nearest to `proto` by Euclidean distance, nearest first; equal distances are ordered by
 * the lower item index (so the 1-NN of a proto-action equidistant from items 3 and 7 is 3).
 */
export function nearestNeighbors(
  proto: ArrayLike<number>,
  spec: EmbeddedDiscreteActionSpec,
  k: number,
): Int32Array {
  assertEmbeddedActionSpec(spec, "spec");
  assertInteger(k, "k", { min: 1, max: spec.n });
  const d = spec.dim;
  if (proto.length !== d) {
    throw new DescentError(`proto must have the embedding dimension ${d}, received length ${proto.length}`, {
      parameter: "proto",
      code: "shape",
    });
  }
  const e = spec.embeddings;
  const best = new Int32Array(k);
  const bestDist = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  let filled = 0;
  for (let i = 0; i < spec.n; i++) {
    let dist = 0;
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const t = (e[o + j] as number) - (proto[j] as number);
      dist += t * t;
    }
    // strict comparison: a later item never displaces an earlier one at the same distance
    if (filled === k && !(dist < (bestDist[k - 1] as number))) continue;
    let pos = filled < k ? filled : k - 1;
    while (pos > 0 && dist < (bestDist[pos - 1] as number)) {
      bestDist[pos] = bestDist[pos - 1] as number;
      best[pos] = best[pos - 1] as number;
      pos -= 1;
    }
    bestDist[pos] = dist;
    best[pos] = i;
    if (filled < k) filled += 1;
  }
  return best;
}

/** The single nearest item (1-NN, ties to the lowest index). */
export function nearestItem(proto: ArrayLike<number>, spec: EmbeddedDiscreteActionSpec): number {
  const d = spec.dim;
  const e = spec.embeddings;
  let bestI = 0;
  let bestD = Number.POSITIVE_INFINITY;
  for (let i = 0; i < spec.n; i++) {
    let dist = 0;
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const t = (e[o + j] as number) - (proto[j] as number);
      dist += t * t;
    }
    if (dist < bestD) {
      bestD = dist;
      bestI = i;
    }
  }
  return bestI;
}
