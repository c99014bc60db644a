/**
 * Seeded data partitions across users (docs/method.md §e "Partitions"): i.i.d. equal shares of a shuffled index
 * set, and the non-i.i.d. "shards" split (sort by label, cut into `shardsPerUser`·N equal shards, give each
 * user `shardsPerUser` random shards) under which most users hold two classes.
 *
 * @example
 * ```ts
 * const iid = iidPartition({ samples: 7996, users: 10, seed: 1 });
 * const shards = shardPartition({ labels, users: 10, seed: 1 });   // 2 shards per user
 * ```
 */
import { assertInteger, assertKnownOptions, assertNonEmpty, DescentError, Rng } from "@descent/core-tensor";

/** partition[u] = the sample indices held by user u. */
export type Partition = number[][];

/** Throws unless `partition` assigns valid, non-empty index lists to every user. */
export function checkPartition(partition: readonly (readonly number[])[], samples: number): void {
  if (!Array.isArray(partition) || partition.length === 0) {
    throw new DescentError("partition must be a non-empty array of index arrays", {
      parameter: "partition",
      code: "empty",
    });
  }
  partition.forEach((rows, u) => {
    if (!Array.isArray(rows) || rows.length === 0) {
      throw new DescentError(`partition[${u}] must be a non-empty array of sample indices`, {
        parameter: `partition[${u}]`,
        code: "empty",
      });
    }
    for (const i of rows) {
      if (!Number.isInteger(i) || i < 0 || i >= samples) {
        throw new DescentError(`partition[${u}] holds index ${i}, outside [0, ${samples})`, {
          parameter: `partition[${u}]`,
          code: "range",
        });
      }
    }
  });
}

/** Splits `0..count−1` into `parts` contiguous runs whose lengths differ by at most one (longer first). */
function equalRuns(count: number, parts: number): [number, number][] {
  const base = Math.floor(count / parts);
  const extra = count % parts;
  const runs: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const len = base + (i < extra ? 1 : 0);
    runs.push([start, start + len]);
    start += len;
  }
  return runs;
}

/** Options of {@link iidPartition}. */
export interface IidPartitionOptions {
  /** Number of samples n. */
  samples: number;
  /** Number of users N. */
  users: number;
  /** Seed of the shuffle (core-tensor `Rng`). */
  seed: number;
}

/** I.i.d. split: a seeded shuffle cut into N equal shares (the first n mod N users get one more, [D]). */
export function iidPartition(options: IidPartitionOptions): Partition {
  assertKnownOptions(options ?? null, ["samples", "users", "seed"]);
  const { samples, users, seed } = options;
  assertInteger(users, "users", { min: 1 });
  assertInteger(samples, "samples", { min: users });
  const perm = new Rng(seed).permutation(samples);
  return equalRuns(samples, users).map(([a, b]) => Array.from(perm.subarray(a, b)).sort((x, y) => x - y));
}

/** Options of {@link shardPartition}. */
export interface ShardPartitionOptions {
  /** Class label of every sample. */
  labels: ArrayLike<number>;
  /** Number of users N. */
  users: number;
  /** Shards per user. Default 2 (docs/method.md §e). */
  shardsPerUser?: number;
  /** Seed of the shard assignment (core-tensor `Rng`). */
  seed: number;
}

/**
 * Non-i.i.d. shards (docs/method.md §e): sort the samples by label (stable), cut into `shardsPerUser`·N equal shards,
 * and deal a seeded random permutation of the shards, `shardsPerUser` to each user.
 */
export function shardPartition(options: ShardPartitionOptions): Partition {
  const { labels, users, shardsPerUser = 2, seed } = options;
  assertNonEmpty(labels, "labels");
  assertInteger(users, "users", { min: 1 });
  assertInteger(shardsPerUser, "shardsPerUser", { min: 1 });
  const n = labels.length;
  const shards = users * shardsPerUser;
  if (n < shards) {
    throw new DescentError(
      `labels must hold at least users·shardsPerUser = ${shards} samples, received ${n}`,
      {
        parameter: "labels",
        code: "range",
      },
    );
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(labels[i] as number)) {
      throw new DescentError(`labels[${i}] must be a finite number`, { parameter: "labels", code: "finite" });
    }
  }
  const byLabel = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (labels[i] as number) - (labels[j] as number) || i - j,
  );
  const runs = equalRuns(n, shards);
  const order = new Rng(seed).permutation(shards);
  const partition: Partition = [];
  for (let u = 0; u < users; u++) {
    const rows: number[] = [];
    for (let k = 0; k < shardsPerUser; k++) {
      const [a, b] = runs[order[u * shardsPerUser + k] as number] as [number, number];
      for (let r = a; r < b; r++) rows.push(byLabel[r] as number);
    }
    partition.push(rows.sort((x, y) => x - y));
  }
  return partition;
}
