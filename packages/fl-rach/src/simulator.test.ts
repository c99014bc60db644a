import { DescentError } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import { meanAggregator } from "./aggregator.js";
import { aogPolicy } from "./aog-policy.js";
import { aoiThresholdPolicy } from "./aoi-threshold-policy.js";
import { type AccessChannel, captureChannel, collisionChannel } from "./channel.js";
import { alohaAverageAge, expectedDistinctDeliveries } from "./channel-analysis.js";
import { type RachFlEvent, toJsonLines } from "./event-log.js";
import { genieBestNPolicy } from "./genie-policy.js";
import { idealPolicy } from "./ideal-policy.js";
import { leastSquaresTrainer } from "./least-squares-trainer.js";
import type { LocalTrainer } from "./local-trainer.js";
import { normThresholdPolicy } from "./norm-threshold-policy.js";
import type { AccessPolicy } from "./policy.js";
import { counterRng, RngStream } from "./random-source.js";
import { roundRobinPolicy } from "./round-robin-policy.js";
import { type RachFlConfig, runRachFl } from "./simulator.js";
import { identityCompressor, topK } from "./top-k.js";
import { vanillaAlohaPolicy } from "./vanilla-policy.js";

/** docs/method.md §f.11 data: x_i = (sin i, cos 2i, 1), y_i = 2 sin i − cos 2i + 0.5 + 0.1 sin 5i, user u holds i ≡ u mod 4. */
function lsProblem(localSteps = 1, learningRate = 0.1) {
  const n = 200;
  const features = new Float64Array(3 * n);
  const targets = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    features.set([Math.sin(i), Math.cos(2 * i), 1], 3 * i);
    targets[i] = 2 * Math.sin(i) - Math.cos(2 * i) + 0.5 + 0.1 * Math.sin(5 * i);
  }
  const partition = [0, 1, 2, 3].map((u) => Array.from({ length: 50 }, (_, k) => 4 * k + u));
  return leastSquaresTrainer({ features, targets, inputDim: 3, partition, learningRate, localSteps });
}

/** Returns the same vector c every frame (docs/method.md §f.10). */
function constantTrainer(c: number[], users = 1): LocalTrainer {
  return { dimension: c.length, users, localUpdate: () => Float64Array.from(c) };
}

/** A channel that never delivers anything. */
const deafChannel: AccessChannel = {
  name: "deaf",
  resolve: (tx) => (tx.length === 0 ? { kind: "idle" } : { kind: "collision", users: tx.slice() }),
};

function base(over: Partial<RachFlConfig> = {}): RachFlConfig {
  const trainer = over.trainer ?? lsProblem();
  return {
    users: 4,
    slotsPerFrame: 5,
    frames: 10,
    seed: 1,
    trainer,
    initialWeights: new Float64Array(trainer.dimension),
    policy: vanillaAlohaPolicy(),
    ...over,
  };
}

async function eventLog(config: RachFlConfig): Promise<string> {
  const events: RachFlEvent[] = [];
  await runRachFl({ ...config, onEvent: (e) => events.push(e) });
  return toJsonLines(events);
}

describe("reductions (docs/method.md §f.11)", () => {
  it("ideal + K = d + γ = 1 on least squares with E = 1 is gradient descent: T = 50 → (1.846387080, −0.924542633, 0.498024392)", async () => {
    const r = await runRachFl(base({ frames: 50, policy: idealPolicy(), compressor: identityCompressor() }));
    const expected = [1.84638708, -0.924542633, 0.498024392];
    for (const [i, v] of expected.entries()) expect(r.finalWeights[i]).toBeCloseTo(v, 8);
  });

  it("with E = 3 local steps → (1.999172609, −0.998930574, 0.499654065)", async () => {
    const trainer = lsProblem(3);
    const r = await runRachFl(
      base({ trainer, frames: 50, policy: idealPolicy(), compressor: identityCompressor() }),
    );
    const expected = [1.999172609, -0.998930574, 0.499654065];
    for (const [i, v] of expected.entries()) expect(r.finalWeights[i]).toBeCloseTo(v, 8);
  });

  it("ideal + K = d equals a direct FedAvg loop on the same trainer, bit for bit, frame by frame", async () => {
    const trainer = lsProblem(2, 0.05);
    const seen: number[][] = [];
    await runRachFl(
      base({
        trainer,
        frames: 20,
        policy: idealPolicy(),
        compressor: identityCompressor(),
        evaluate: (w) => {
          seen.push(Array.from(w));
          return {};
        },
      }),
    );
    let w = new Float64Array(3);
    const expected: number[][] = [Array.from(w)];
    const rng = counterRng(1);
    for (let t = 0; t < 20; t++) {
      const acc = new Float64Array(3);
      for (let u = 0; u < 4; u++) {
        const delta = trainer.localUpdate(w, u, t, rng) as Float64Array;
        for (let i = 0; i < 3; i++) acc[i] = (acc[i] as number) + 0.25 * (delta[i] as number);
      }
      w = w.map((v, i) => v + (acc[i] as number));
      expected.push(Array.from(w));
    }
    expect(seen).toEqual(expected);
  });
});

describe("policy reductions and determinism (docs/method.md §f.12, §f.13)", () => {
  const config = base({ frames: 12, compressor: topK({ k: 1 }) });

  it("AoG with τ = −∞ and fixed p = 1/N gives the vanilla event log", async () => {
    const aog = await eventLog({
      ...config,
      policy: aogPolicy({ threshold: Number.NEGATIVE_INFINITY, access: { fixed: 1 / 4 } }),
    });
    expect(aog).toBe(await eventLog(config));
  });

  it("normThreshold with top fraction 1 and count-aware access gives the vanilla event log", async () => {
    const norm = await eventLog({ ...config, policy: normThresholdPolicy({ topFraction: 1 }) });
    // the logged score differs by design (‖a‖ instead of ‖m‖ − ‖Δ‖); everything else must agree
    const strip = (log: string) => log.replace(/"aog":[^,}]+/g, "");
    expect(strip(norm)).toBe(strip(await eventLog(config)));
  });

  it("the same config and seed give byte-identical event logs; another seed does not", async () => {
    const policy = aogPolicy({ threshold: 0.01 });
    const a = await eventLog({ ...config, policy });
    expect(await eventLog({ ...config, policy })).toBe(a);
    expect(await eventLog({ ...config, policy, seed: 2 })).not.toBe(a);
  });

  it("changing only the policy leaves the channel uniforms unchanged (common random numbers)", async () => {
    // every slot's transmitters are exactly the users whose U(Channel, t, s, u) < p_u
    for (const policy of [
      vanillaAlohaPolicy(),
      aogPolicy({ threshold: 0.02 }),
      normThresholdPolicy({ topFraction: 0.5 }),
    ]) {
      const events: RachFlEvent[] = [];
      await runRachFl({ ...config, policy, onEvent: (e) => events.push(e) });
      const rng = counterRng(config.seed);
      const p = new Map<string, number>();
      for (const e of events) if (e.type === "access") p.set(`${e.frame}:${e.user}`, e.p);
      for (const e of events) {
        if (e.type !== "slot") continue;
        const expected = [0, 1, 2, 3].filter(
          (u) => rng.uniform(RngStream.Channel, e.frame, e.slot, u) < (p.get(`${e.frame}:${u}`) ?? 0),
        );
        expect(e.transmitters).toEqual(expected);
      }
    }
  });
});

describe("degenerate channels (docs/method.md §f.5)", () => {
  const fixed = (p: number[]): AccessPolicy => ({
    name: "fixed",
    frameProbabilities: () => Float64Array.from(p),
  });

  it("one user with p = 1: S successes and one distinct delivery per frame", async () => {
    const r = await runRachFl(base({ frames: 3, policy: fixed([1, 0, 0, 0]) }));
    expect(r.slotStats).toEqual({ idle: 0, success: 15, collision: 0, erasure: 0 });
    expect(r.framesLog.map((f) => f.received)).toEqual([[0], [0], [0]]);
  });

  it("every p = 1: S collisions, R_t empty, w unchanged", async () => {
    const r = await runRachFl(base({ frames: 3, policy: fixed([1, 1, 1, 1]) }));
    expect(r.slotStats.collision).toBe(15);
    expect(Array.from(r.finalWeights)).toEqual([0, 0, 0]);
    expect(r.framesLog.every((f) => f.received.length === 0 && f.modelStep === 0)).toBe(true);
  });

  it("all p = 0: S idle slots", async () => {
    const r = await runRachFl(base({ frames: 2, policy: fixed([0, 0, 0, 0]) }));
    expect(r.slotStats.idle).toBe(10);
    expect(r.summary.throughput).toBe(0);
  });
});

describe("AoG timing (docs/method.md §f.10)", () => {
  const c = [3, 4]; // ‖c‖ = 5
  const cfg = (policy: AccessPolicy): RachFlConfig => ({
    users: 1,
    slotsPerFrame: 2,
    frames: 6,
    seed: 1,
    trainer: constantTrainer(c),
    initialWeights: new Float64Array(2),
    policy,
    channel: deafChannel,
  });
  const activeFrames = async (policy: AccessPolicy) => {
    const events: RachFlEvent[] = [];
    await runRachFl({ ...cfg(policy), onEvent: (e) => events.push(e) });
    return {
      active: events.flatMap((e) => (e.type === "access" ? [e.active] : [])),
      aog: events.flatMap((e) => (e.type === "localUpdate" ? [e.aog] : [])),
      memory: events.flatMap((e) => (e.type === "localUpdate" ? [e.memoryNorm] : [])),
    };
  };

  it("m_t = t·c, so aog_t = (t − 1)‖c‖; τ = 1.5‖c‖ → inactive in frames 0–2, active from frame 3", async () => {
    const { active, aog, memory } = await activeFrames(aogPolicy({ threshold: 7.5, emptyActive: "silent" }));
    expect(memory).toEqual([0, 5, 10, 15, 20, 25]);
    expect(aog).toEqual([-5, 0, 5, 10, 15, 20]);
    expect(active).toEqual([false, false, false, true, true, true]);
  });

  it("the ratio form with τ = 1.5 switches on in the same frame", async () => {
    const { active } = await activeFrames(
      aogPolicy({ metric: "ratio", threshold: 1.5, emptyActive: "silent" }),
    );
    expect(active).toEqual([false, false, false, true, true, true]);
  });
});

describe("channel statistics through the simulator", () => {
  const nullTrainer = (users: number): LocalTrainer => ({
    dimension: 1,
    users,
    localUpdate: () => new Float64Array(1),
  });

  it("vanilla delivers N[1 − (1 − p(1 − p)^(N−1))^S] distinct users per frame (docs/method.md §e.2, §f.3)", async () => {
    const N = 10;
    const r = await runRachFl({
      users: N,
      slotsPerFrame: 5,
      frames: 4000,
      seed: 3,
      trainer: nullTrainer(N),
      initialWeights: new Float64Array(1),
      policy: vanillaAlohaPolicy(),
    });
    const expected = expectedDistinctDeliveries(new Array(N).fill(0.1), 5);
    const per = r.framesLog.map((f) => f.received.length);
    const mean = per.reduce((a, b) => a + b, 0) / per.length;
    const sd = Math.sqrt(per.reduce((a, b) => a + (b - mean) ** 2, 0) / per.length);
    expect(Math.abs(r.summary.meanDistinctDeliveries - expected)).toBeLessThan(
      (4 * sd) / Math.sqrt(per.length),
    );
  });

  it("stopContending matches the dynamic programme of docs/method.md §f.4", async () => {
    const N = 10;
    const r = await runRachFl({
      users: N,
      slotsPerFrame: 10,
      frames: 4000,
      seed: 4,
      trainer: nullTrainer(N),
      initialWeights: new Float64Array(1),
      policy: vanillaAlohaPolicy(),
      afterSuccess: "stopContending",
    });
    const per = r.framesLog.map((f) => f.received.length);
    const mean = per.reduce((a, b) => a + b, 0) / per.length;
    const sd = Math.sqrt(per.reduce((a, b) => a + (b - mean) ** 2, 0) / per.length);
    expect(Math.abs(mean - 3.778314)).toBeLessThan((4 * sd) / Math.sqrt(per.length));
  });

  it("the time-average slot-level age of vanilla ALOHA is 1/(p(1 − p)^(N−1)) (docs/method.md §f.6)", async () => {
    const N = 5;
    const r = await runRachFl({
      users: N,
      slotsPerFrame: 100,
      frames: 1000,
      seed: 5,
      trainer: nullTrainer(N),
      initialWeights: new Float64Array(1),
      policy: vanillaAlohaPolicy(),
    });
    const expected = alohaAverageAge(N, 1 / N);
    expect(Math.abs(r.summary.meanSlotAge / expected - 1)).toBeLessThan(0.03);
    expect(Math.abs(r.summary.throughput - 0.8 ** 4)).toBeLessThan(4 * Math.sqrt((0.41 * 0.59) / 100_000));
  });

  it("capture raises the throughput; repeatFrame retries a frame until something arrives", async () => {
    const cfg = {
      users: 4,
      slotsPerFrame: 2,
      frames: 200,
      seed: 6,
      trainer: nullTrainer(4),
      initialWeights: new Float64Array(1),
      policy: vanillaAlohaPolicy({ p: 0.6 }),
    };
    const plain = await runRachFl(cfg);
    const cap = await runRachFl({ ...cfg, channel: captureChannel({ captureProbability: 0.5 }) });
    expect(cap.summary.throughput).toBeGreaterThan(plain.summary.throughput);
    const repeat = await runRachFl({ ...cfg, emptyFrame: "repeatFrame" });
    expect(repeat.framesLog.every((f) => f.received.length > 0)).toBe(true);
    expect(repeat.summary.totalSlots).toBeGreaterThan(400);
  });

  it("roundRobin delivers S distinct users per frame without collisions", async () => {
    const r = await runRachFl({
      users: 7,
      slotsPerFrame: 3,
      frames: 7,
      seed: 1,
      trainer: nullTrainer(7),
      initialWeights: new Float64Array(1),
      policy: roundRobinPolicy(),
    });
    expect(r.slotStats).toEqual({ idle: 0, success: 21, collision: 0, erasure: 0 });
    expect(Array.from(r.deliveriesPerUser)).toEqual([3, 3, 3, 3, 3, 3, 3]);
  });

  it("the slot-level aoiThreshold policy runs and keeps its contenders old", async () => {
    const r = await runRachFl({
      users: 10,
      slotsPerFrame: 5,
      frames: 200,
      seed: 2,
      trainer: nullTrainer(10),
      initialWeights: new Float64Array(1),
      policy: aoiThresholdPolicy({ ageThreshold: 15, unit: "slot" }),
    });
    expect(r.summary.throughput).toBeGreaterThan(0.3);
    expect(r.summary.minDeliveriesPerUser).toBeGreaterThan(0);
  });
});

describe("runRachFl: memory, aggregation, oracle and plumbing", () => {
  it("memory + delivered mass = accumulated updates every frame (acknowledged memory, docs/method.md §c.4)", async () => {
    // one user, so w_{t+1} − w_0 is exactly the delivered mass; p = 0.3 in one slot makes deliveries random
    const inner = lsProblem(1);
    const rows = [0, 1, 2, 3];
    const sumDelta = new Float64Array(3);
    const trainer: LocalTrainer = {
      dimension: 3,
      users: 1,
      localUpdate: (w, _u, t, rng) => {
        const delta = inner.localUpdate(w, rows[t % 4] as number, t, rng) as Float64Array;
        for (let i = 0; i < 3; i++) sumDelta[i] = (sumDelta[i] as number) + (delta[i] as number);
        return delta;
      },
    };
    const gaps: number[] = [];
    let memoryNorm = 0;
    await runRachFl({
      users: 1,
      slotsPerFrame: 1,
      frames: 30,
      seed: 8,
      trainer,
      initialWeights: new Float64Array(3),
      compressor: topK({ k: 1 }),
      policy: { name: "p=0.3", frameProbabilities: () => new Float64Array([0.3]) },
      onEvent: (e) => {
        if (e.type === "aggregate") memoryNorm = e.memoryNorms[0] as number;
      },
      evaluate: (w, frame) => {
        if (frame > 0)
          gaps.push(Math.abs(Math.hypot(...sumDelta.map((v, i) => v - (w[i] as number))) - memoryNorm));
        return {};
      },
    });
    expect(gaps.length).toBe(30);
    expect(Math.max(...gaps)).toBeLessThan(1e-12);
  });

  it("normalize 'all' divides by N and 'dataSize' weighs by n_u", async () => {
    const c = [2, -2];
    const common = {
      users: 2,
      slotsPerFrame: 1,
      frames: 1,
      seed: 1,
      trainer: constantTrainer(c, 2),
      initialWeights: new Float64Array(2),
      compressor: identityCompressor(),
      policy: { name: "u0", frameProbabilities: () => new Float64Array([1, 0]) },
    };
    const received = await runRachFl(common);
    expect(Array.from(received.finalWeights)).toEqual([2, -2]);
    const all = await runRachFl({ ...common, aggregator: meanAggregator({ normalize: "all" }) });
    expect(Array.from(all.finalWeights)).toEqual([1, -1]);
    const sized = await runRachFl({
      ...common,
      policy: idealPolicy(),
      userWeights: [3, 1],
      trainer: {
        dimension: 2,
        users: 2,
        localUpdate: (_w, u) => new Float64Array(u === 0 ? [4, 0] : [0, 4]),
      },
      aggregator: meanAggregator({ normalize: "dataSize", serverLr: 0.5 }),
    });
    expect(Array.from(sized.finalWeights)).toEqual([1.5, 0.5]);
  });

  it("genieBestN evaluates trials and never does worse on the evaluated metric than vanilla", async () => {
    const trainer = lsProblem(1);
    const target = [2, -1, 0.5];
    const evaluate = (w: Float32Array | Float64Array) => ({
      accuracy: -Math.hypot(...Array.from(w, (v, i) => v - (target[i] as number))),
    });
    const genie = await runRachFl(base({ trainer, frames: 8, policy: genieBestNPolicy(), evaluate }));
    const vanilla = await runRachFl(base({ trainer, frames: 8, evaluate }));
    expect(genie.curve.at(-1)?.metrics["accuracy"]).toBeGreaterThan(
      vanilla.curve.at(-1)?.metrics["accuracy"] as number,
    );
    await expect(runRachFl(base({ policy: genieBestNPolicy() }))).rejects.toThrow(/evaluate/);
  });

  it("reports progress after every frame, evaluates on schedule, and stops on abort", async () => {
    const seen: number[] = [];
    const r = await runRachFl(
      base({
        frames: 5,
        evalEvery: 2,
        evaluate: (w) => ({ norm: Math.hypot(...w) }),
        onProgress: (p) => seen.push(p.frame),
      }),
    );
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(r.curve.map((c) => [c.frame, c.slots])).toEqual([
      [0, 0],
      [2, 10],
      [4, 20],
      [5, 25],
    ]);
    const controller = new AbortController();
    controller.abort();
    await expect(runRachFl(base({ signal: controller.signal }))).rejects.toThrow(/aborted/);
  });

  it("rejects invalid configurations, naming the parameter", async () => {
    const bad: [Partial<RachFlConfig>, RegExp][] = [
      [{ users: 0 }, /users/],
      [{ users: 3 }, /users/],
      [{ slotsPerFrame: 0 }, /slotsPerFrame/],
      [{ frames: -1 }, /frames/],
      [{ seed: 1.5 }, /seed/],
      [{ initialWeights: new Float64Array(2) }, /initialWeights/],
      [{ initialWeights: new Float64Array([0, Number.NaN, 0]) }, /initialWeights/],
      [{ policy: {} as AccessPolicy }, /policy/],
      [{ trainer: {} as LocalTrainer }, /trainer/],
      [{ userWeights: [1, 2] }, /userWeights/],
      [{ userWeights: [1, 2, 0, 1] }, /userWeights\[2\]/],
      [{ afterSuccess: "never" as "stopContending" }, /afterSuccess/],
      [{ emptyFrame: "skip" as "keepModel" }, /emptyFrame/],
      [{ evalEvery: 0 }, /evalEvery/],
      [{ policy: { name: "bad", frameProbabilities: () => new Float64Array([2, 0, 0, 0]) } }, /p\[0\]/],
      [{ policy: { name: "short", frameProbabilities: () => new Float64Array(2) } }, /length 4/],
      [{ channel: { name: "liar", resolve: () => ({ kind: "success", user: 9 }) } }, /liar/],
      [
        { trainer: { dimension: 3, users: 4, localUpdate: () => new Float64Array([0, Number.NaN, 0]) } },
        /localUpdate/,
      ],
      [{ trainer: { dimension: 3, users: 4, localUpdate: () => new Float64Array(2) } }, /trainer/],
    ];
    for (const [over, message] of bad) {
      await expect(runRachFl(base(over)), String(message)).rejects.toThrow(message);
      await expect(runRachFl(base(over))).rejects.toBeInstanceOf(DescentError);
    }
  });

  it("the default channel is the collision channel and the default compressor keeps 5 %", async () => {
    const events: RachFlEvent[] = [];
    await runRachFl(base({ frames: 3, onEvent: (e) => events.push(e) }));
    expect(collisionChannel().name).toBe("collision");
    expect(events.some((e) => e.type === "slot" && e.outcome.kind === "collision")).toBe(true);
  });
});
