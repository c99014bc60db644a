import { describe, expect, it } from "vitest";
import { embeddedActionSpec } from "./embedded-actions.js";
import { createEnsembleTd3, type EnsembleTd3Options } from "./ensemble-td3.js";
import { SAVO_OPTION_KEYS, SavoAgent, type SavoOptions } from "./savo.js";
import { createWolpertinger, type WolpertingerOptions } from "./wolpertinger.js";

const items = embeddedActionSpec(Float32Array.from([0, 0, 1, 0, 0, 1, 1, 1]), 2);
const small = { hiddenSizes: [4], batchSize: 2, seed: 1 };

describe("SAVO's option keys", () => {
  it("lists the options merged branches added (successorPenalty, neighbours, conditioning)", () => {
    for (const k of ["successorPenalty", "neighbours", "conditioning", "valueOracle", "seed"] as const)
      expect(SAVO_OPTION_KEYS).toContain(k);
  });

  it("SavoAgent rejects a misspelt option with a did-you-mean hint and accepts the new ones", () => {
    expect(() => new SavoAgent(2, [1], { ...small, successorPenaltyy: 0 } as SavoOptions)).toThrow(
      /successorPenaltyy is not an option; did you mean "successorPenalty"/,
    );
    const agent = new SavoAgent<number>(2, items, {
      ...small,
      numActors: 2,
      conditioning: "lstm",
      successorPenalty: 0,
      neighbours: 2,
    });
    expect(agent.actors.length).toBe(2);
  });

  it("createWolpertinger and createEnsembleTd3 reject the options they set themselves", () => {
    expect(() => createWolpertinger(2, items, { ...small, neighbours: 3 } as WolpertingerOptions)).toThrow(
      /neighbours is not an option/,
    );
    expect(() => createWolpertinger(2, items, { ...small, knnFraktion: 0.5 } as WolpertingerOptions)).toThrow(
      /did you mean "knnFraction"/,
    );
    expect(() => createEnsembleTd3(2, [1], { ...small, surrogates: true } as EnsembleTd3Options)).toThrow(
      /surrogates is not an option/,
    );
    expect(createWolpertinger(2, items, { ...small, knnFraction: 0.5 }).actors.length).toBe(1);
    expect(createEnsembleTd3(2, [1], { ...small, numActors: 2 }).actors.length).toBe(2);
  });
});
