/**
 * The page's experiment (fl-rach's docs/method.md §c, reduced): N users train an MLP 20-32-10 over a slotted
 * ALOHA uplink, one run per access policy with the same data, partition, initial model and learning setup
 * (SGD η = 0.05, E = 2 local steps, B = 32, top-K with K/d = 0.05, as the package's reproduction).
 */
import {
  type AccessPolicy,
  aogPolicy,
  counterRng,
  idealPolicy,
  type MlpTrainer,
  meanAggregator,
  roundRobinPolicy,
  runRachFl,
  shardPartition,
  squaredNorm,
  tfjsMlpTrainer,
  topK,
  vanillaAlohaPolicy,
} from "@descent/fl-rach";
import type { AccuracyMessage, FlRachConfig, FrameMessage, PolicyName } from "./config.js";
import { CLASSES, gaussianMixture, INPUT_DIM } from "./synthetic-digits.js";

function makePolicy(name: PolicyName, medianUpdate: number): AccessPolicy {
  switch (name) {
    case "AoG":
      // τ = the median first-frame update norm, the package reproduction's unit (fl-rach's docs/method.md §c.2)
      return aogPolicy({ threshold: medianUpdate });
    case "vanilla ALOHA":
      return vanillaAlohaPolicy();
    case "round robin":
      return roundRobinPolicy();
    case "ideal (no collisions)":
      return idealPolicy();
  }
}

function medianFirstUpdate(trainer: MlpTrainer, w0: Float32Array, users: number, seed: number): number {
  const rng = counterRng(seed);
  const norms = Array.from({ length: users }, (_, u) =>
    Math.sqrt(squaredNorm(trainer.localUpdate(w0, u, 0, rng))),
  );
  norms.sort((a, b) => a - b);
  const mid = Math.floor(users / 2);
  return users % 2 === 1 ? (norms[mid] as number) : ((norms[mid - 1] as number) + (norms[mid] as number)) / 2;
}

export async function runPolicies(
  config: FlRachConfig,
  onFrame: (m: FrameMessage) => void,
  onAccuracy: (m: AccuracyMessage) => void,
): Promise<void> {
  const data = gaussianMixture(config.seed, 2000, 500);
  // non-iid: two label shards per user, as the paper's setting
  const partition = shardPartition({
    labels: data.train.y,
    users: config.users,
    shardsPerUser: 2,
    seed: config.seed,
  });
  const trainer = tfjsMlpTrainer({
    layers: [INPUT_DIM, 32, CLASSES],
    data: data.train,
    partition,
    learningRate: 0.05,
    localSteps: 2,
    batchSize: 32,
  });
  const w0 = trainer.init(config.seed);
  const medianUpdate = medianFirstUpdate(trainer, w0, config.users, config.seed);
  for (const policy of config.policies) {
    let current: FrameMessage | null = null;
    await runRachFl({
      users: config.users,
      slotsPerFrame: config.slotsPerFrame,
      frames: config.frames,
      seed: config.seed,
      trainer,
      initialWeights: w0,
      policy: makePolicy(policy, medianUpdate),
      compressor: topK({ fraction: 0.05 }),
      aggregator: meanAggregator(),
      evaluate: (w) => trainer.evaluate(w, data.test),
      onEvent: (event) => {
        if (event.type === "frameStart") {
          current = { kind: "frame", policy, frame: event.frame, slots: [], users: [] };
        } else if (current !== null && event.type === "localUpdate") {
          current.users.push({ user: event.user, aog: event.aog, active: false });
        } else if (current !== null && event.type === "access") {
          const u = current.users.find((x) => x.user === event.user);
          if (u) u.active = event.active;
        } else if (current !== null && event.type === "slot") {
          current.slots.push({
            slot: event.slot,
            outcome: event.outcome.kind,
            transmitters: [...event.transmitters],
          });
        } else if (current !== null && event.type === "aggregate") {
          onFrame(current);
          current = null;
        } else if (event.type === "eval") {
          onAccuracy({
            kind: "accuracy",
            policy,
            frame: event.frame,
            slotsUsed: event.slotsUsed,
            accuracy: event.metrics.accuracy as number,
          });
        }
      },
    });
  }
}
