import { describe, expect, it } from "vitest";
import { readOverrides } from "./overrides.js";

describe("hi-fm demo overrides", () => {
  it("defaults to all experiments and no overrides", () => {
    const o = readOverrides({});
    expect(o.only).toEqual(["e1", "e1b", "e2"]);
    expect(o.inEffect).toEqual([]);
    expect(o.sizes).toBeUndefined();
  });

  it("parses one experiment at a time with its scale and lists what is in effect", () => {
    const o = readOverrides({
      HIFM_ONLY: "e1",
      HIFM_SIZES: "128, 1024",
      HIFM_SIGMAS: "0.05",
      HIFM_SEEDS: "3",
      HIFM_STEPS: "500",
    });
    expect(o.only).toEqual(["e1"]);
    expect(o.sizes).toEqual([128, 1024]);
    expect(o.sigmas).toEqual([0.05]);
    expect(o.seeds).toBe(3);
    expect(o.steps).toBe(500);
    expect(o.inEffect).toContain("HIFM_SIZES=128, 1024");
  });

  it("rejects malformed values with the variable's name", () => {
    expect(() => readOverrides({ HIFM_ONLY: "e3" })).toThrow(/HIFM_ONLY/);
    expect(() => readOverrides({ HIFM_SIZES: "12.5" })).toThrow(/HIFM_SIZES/);
    expect(() => readOverrides({ HIFM_SIGMAS: "-0.1" })).toThrow(/HIFM_SIGMAS/);
    expect(() => readOverrides({ HIFM_SEEDS: "1,2" })).toThrow(/HIFM_SEEDS/);
    expect(() => readOverrides({ HIFM_METHODS: "cfm" })).toThrow(/HIFM_METHODS/);
  });
});
