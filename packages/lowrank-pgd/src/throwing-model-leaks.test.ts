import { tf } from "@descent/core-tensor";
import { describe, expect, it } from "vitest";
import type { LogitsFn } from "./classifier.js";
import { fgsmFactors } from "./fgsm-factors.js";
import { loraPgd } from "./lora-pgd.js";
import { fgsm, pgd } from "./pgd.js";
import { useMlpFixture } from "./testing/mlp-fixture.js";

/**
 * The fixture's model, but throwing from its `failAt`-th call on, after it has run its layers (a model
 * that fails mid-forward, with operations already on the gradient tape).
 */
function throwingAfter(model: LogitsFn, failAt: number): LogitsFn {
  let calls = 0;
  return (x) => {
    calls++;
    const logits = model(x);
    if (calls >= failAt) throw new Error("model failed");
    return logits;
  };
}

describe("a model or callback that throws mid-attack leaks no tensors", () => {
  const fx = useMlpFixture({ netSeed: 3, hiddenUnits: [16], batch: 4, imageSeed: 1 });

  it("pgd, fgsm, loraPgd and fgsmFactors", () => {
    const attacks: [string, (f: LogitsFn) => unknown][] = [
      ["pgd", (f) => pgd(f, fx.x, fx.y, { norm: "l2", eps: 1, steps: 4, randomStart: "ball", seed: 1 })],
      ["fgsm", (f) => fgsm(f, fx.x, fx.y, { eps: 0.1 })],
      ["loraPgd", (f) => loraPgd(f, fx.x, fx.y, { rank: 2, eps: 1, steps: 4 })],
      [
        "loraPgd fgsm init",
        (f) => loraPgd(f, fx.x, fx.y, { rank: 2, eps: 1, steps: 4, init: { kind: "fgsm" } }),
      ],
      ["fgsmFactors", (f) => fgsmFactors(f, fx.x, fx.y, { eps: 1, rank: 2 })],
    ];
    for (const [name, attack] of attacks) {
      for (const failAt of [1, 2, 3, 5]) {
        const before = tf.memory().numTensors;
        let result: unknown;
        try {
          result = attack(throwingAfter(fx.net.logits, failAt));
        } catch (e) {
          expect((e as Error).message).toBe("model failed");
        }
        // attacks that finish before the model fails (fgsm calls it twice) return tensors the caller owns
        if (result !== undefined)
          tf.dispose(Object.values(result as object).filter((v) => v instanceof tf.Tensor));
        expect(tf.memory().numTensors, `${name} failing at call ${failAt}`).toBe(before);
      }
    }
  });

  it("an onProgress callback that throws", () => {
    const before = tf.memory().numTensors;
    const boom = () => {
      throw new Error("callback failed");
    };
    expect(() => pgd(fx.net.logits, fx.x, fx.y, { norm: "linf", eps: 0.1, onProgress: boom })).toThrow(
      "callback failed",
    );
    expect(() => loraPgd(fx.net.logits, fx.x, fx.y, { rank: 1, eps: 1, onProgress: boom })).toThrow(
      "callback failed",
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
