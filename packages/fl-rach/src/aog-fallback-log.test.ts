import { describe, expect, it } from "vitest";
import { aogPolicy } from "./aog-policy.js";
import type { RachFlEvent } from "./event-log.js";
import { leastSquaresTrainer } from "./least-squares-trainer.js";
import { activeToProbabilities, isEmptyActiveFallback } from "./policy.js";
import { runRachFl } from "./simulator.js";

function trainer() {
  const n = 40;
  const features = new Float64Array(2 * n);
  const targets = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    features.set([Math.sin(i), 1], 2 * i);
    targets[i] = Math.cos(i);
  }
  const partition = [0, 1, 2, 3].map((u) => Array.from({ length: 10 }, (_, k) => 4 * k + u));
  return leastSquaresTrainer({ features, targets, inputDim: 2, partition, learningRate: 0.1, localSteps: 1 });
}

async function accessEvents(threshold: number) {
  const events: RachFlEvent[] = [];
  const t = trainer();
  await runRachFl({
    users: 4,
    slotsPerFrame: 3,
    frames: 3,
    seed: 1,
    trainer: t,
    initialWeights: new Float64Array(t.dimension),
    policy: aogPolicy({ threshold }),
    onEvent: (e) => events.push(e),
  });
  return events.flatMap((e) => (e.type === "access" ? [e] : []));
}

describe("the event log tells AoG's empty-set fallback from chosen users", () => {
  it("marks the fallback probabilities, not a chosen set", () => {
    expect(isEmptyActiveFallback(activeToProbabilities([false, false], "countAware"))).toBe(true);
    expect(isEmptyActiveFallback(activeToProbabilities([true, false], "countAware"))).toBe(false);
    expect(isEmptyActiveFallback(activeToProbabilities([false, false], "countAware", "silent"))).toBe(false);
  });

  it("a threshold nobody reaches logs fallback: true; one everybody reaches logs fallback: false", async () => {
    const none = await accessEvents(1e12);
    expect(none.length).toBeGreaterThan(0);
    expect(none.every((e) => e.fallback && e.active && e.p === 0.25)).toBe(true);
    const all = await accessEvents(Number.NEGATIVE_INFINITY);
    expect(all.every((e) => !e.fallback && e.active)).toBe(true);
  });
});
