/**
 * LoRa-PGD (Savostianova, Zangrando, Tudisco 2024; docs/method.md §c.3, details from [code] `lora_pgd.py`): the
 * perturbation of every channel is the product `U·V` of thin factors `U (H×r)`, `V (r×W)`, rescaled onto
 * the ℓ2 sphere of radius eps; normalised gradient ascent runs on the factors, so the attack has rank ≤ r
 * by construction and its state costs `C·r·(H+W)` floats per image instead of `C·H·W`.
 */
import {
  assertInteger,
  assertPositive,
  DescentError,
  describeValue,
  disposeAbandonedGradientTape,
  normalTensor,
  Rng,
  tf,
} from "@descent/core-tensor";
import type { AttackControlOptions, LoraAttackResult } from "./attack-options.js";
import { attackObjective, type Classifier, type LogitsFn, toLogitsFn } from "./classifier.js";
import { fgsmFactors } from "./fgsm-factors.js";
import {
  checkBox,
  checkEps,
  checkImages,
  checkModelOutput,
  checkOptionsObject,
  checkRank,
  checkSteps,
  throwIfAborted,
} from "./internal/checks.js";
import { normalizePerSample, perSampleNorm, safeRowNorm } from "./internal/per-sample.js";

/** How LoRa-PGD initialises its factors (docs/method.md §c.3). */
export type LoraInit =
  /** [code] `'lora'`: `U ~ N(0,1)` normalised per sample, `V = 0` (the default). */
  | { kind: "random"; seed?: number }
  /**
   * [code] `'fgsm'`: the rank-r truncated SVD of one normalised-gradient step of length eps on `from`
   * (warm-up: the attacked model itself, the default; transfer: another model). See {@link fgsmFactors}.
   */
  | { kind: "fgsm"; from?: Classifier }
  /** Explicit factors `u [B·C, H, r]`, `v [B·C, r, W]` (copied, not consumed). */
  | { kind: "factors"; u: tf.Tensor3D; v: tf.Tensor3D };

/** Options of {@link loraPgd}. */
export interface LoraPgdOptions extends AttackControlOptions {
  /** Rank r of every channel's perturbation, 1 ≤ r ≤ max(H, W); r ≥ min(H, W) is full rank. Required. */
  rank: number;
  /** ℓ2 budget per sample (over all channels). The perturbation is rescaled to exactly this norm. */
  eps: number;
  /** Iterations. Default 10 ([code] `main.py`). There is no step size: factors move by unit steps. */
  steps?: number;
  /** Initialisation. Default `{ kind: "random", seed: 0 }` ([code] default `'lora'`; seed is ours). */
  init?: LoraInit;
  /** Stabiliser of every denominator. Default 1e-10 ([code]). */
  epsForDivision?: number;
}

/** Every key of {@link LoraPgdOptions} (the Record type keeps the list complete). @internal */
export const LORA_PGD_KEYS = Object.keys({
  rank: true,
  eps: true,
  steps: true,
  init: true,
  epsForDivision: true,
  clipMin: true,
  clipMax: true,
  targeted: true,
  onProgress: true,
  signal: true,
} satisfies Record<keyof LoraPgdOptions, true>);

/** The keys each initialisation kind takes; a misspelt one (`sede`) would otherwise fall back silently. */
const INIT_KEYS: Record<string, readonly string[]> = {
  random: ["kind", "seed"],
  fgsm: ["kind", "from"],
  factors: ["kind", "u", "v"],
};

function checkInit(init: unknown): void {
  if (init === null || typeof init !== "object") {
    throw new DescentError(`init must be an object { kind, ... }, received ${describeValue(init)}`, {
      parameter: "init",
      code: "type",
    });
  }
  const keys = INIT_KEYS[String((init as { kind?: unknown }).kind)];
  if (keys !== undefined) checkOptionsObject(init, keys, "init");
}

/** The channel matrices `[B·C, H, W]` (docs/method.md §h.1) back to NHWC `[B, H, W, C]`. */
function fromChannelMatrices(m: tf.Tensor3D, channels: number): tf.Tensor4D {
  const [bc, h, w] = m.shape;
  const b = bc / channels;
  return tf.tidy(() =>
    channels === 1
      ? tf.reshape(m, [b, h, w, 1])
      : tf.transpose(tf.reshape(m, [b, channels, h, w]), [0, 2, 3, 1]),
  ) as tf.Tensor4D;
}

/**
 * The batched product `P = U·V` with a gradient that transposes explicitly and calls the plain product
 * (`∂L/∂U = (∂L/∂P)·Vᵀ`, `∂L/∂V = Uᵀ·(∂L/∂P)`, docs/method.md §c.3): tfjs's own BatchMatMul gradient uses
 * transposed-operand products, which are several times slower on wasm (docs/method.md §h.6).
 */
const factorProduct: (u: tf.Tensor3D, v: tf.Tensor3D) => tf.Tensor3D = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const u = args[0] as tf.Tensor3D;
    const v = args[1] as tf.Tensor3D;
    (args[2] as tf.GradSaveFunc)([u, v]);
    return {
      value: tf.matMul(u, v),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [us, vs] = saved as [tf.Tensor3D, tf.Tensor3D];
        const dp = dy as tf.Tensor3D;
        return [tf.matMul(dp, tf.transpose(vs, [0, 2, 1])), tf.matMul(tf.transpose(us, [0, 2, 1]), dp)];
      },
    };
  },
) as unknown as (u: tf.Tensor3D, v: tf.Tensor3D) => tf.Tensor3D;

/**
 * `Δ(U, V) = eps · P / (‖P_b‖₂ + ε_div)` with `P = U·V` per channel, in NHWC (docs/method.md §c.3). Differentiable
 * at P = 0 (safe norm, docs/method.md §h.2).
 */
export function loraPerturbation(
  u: tf.Tensor3D,
  v: tf.Tensor3D,
  batch: number,
  channels: number,
  eps: number,
  epsForDivision = 1e-10,
): tf.Tensor4D {
  assertInteger(batch, "batch", { min: 1 });
  assertInteger(channels, "channels", { min: 1 });
  checkEps(eps);
  assertPositive(epsForDivision, "epsForDivision");
  if (!(u instanceof tf.Tensor) || u.rank !== 3 || u.shape[0] !== batch * channels) {
    throw new DescentError(
      `u must be a tensor [batch·channels = ${batch * channels}, H, r], received ${u instanceof tf.Tensor ? `[${u.shape.join(", ")}]` : typeof u}`,
      { parameter: "u", code: "shape" },
    );
  }
  if (!(v instanceof tf.Tensor) || v.rank !== 3 || v.shape[0] !== u.shape[0] || v.shape[1] !== u.shape[2]) {
    throw new DescentError(
      `v must be a tensor [${u.shape[0]}, ${u.shape[2]}, W] matching u [${u.shape.join(", ")}], received ${v instanceof tf.Tensor ? `[${v.shape.join(", ")}]` : typeof v}`,
      { parameter: "v", code: "shape" },
    );
  }
  // a public call reads the factors back once to reject NaN/±Infinity; the attack's steps use the
  // unchecked form below (their factors are finite by construction)
  for (const [t, name] of [
    [u, "u"],
    [v, "v"],
  ] as const) {
    if (t.isDisposed) throw new DescentError(`${name} is disposed`, { parameter: name, code: "type" });
    const finite = tf.tidy(() => tf.all(tf.isFinite(t)));
    const ok = finite.dataSync()[0] === 1;
    finite.dispose();
    if (!ok)
      throw new DescentError(`${name} must be finite (found NaN or ±Infinity)`, {
        parameter: name,
        code: "finite",
      });
  }
  return perturbationOf(u, v, batch, channels, eps, epsForDivision);
}

/** {@link loraPerturbation} without its checks: the form every LoRa-PGD step differentiates. */
function perturbationOf(
  u: tf.Tensor3D,
  v: tf.Tensor3D,
  batch: number,
  channels: number,
  eps: number,
  epsForDivision: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const p = factorProduct(u, v); // one batched product for every sample and channel (docs/method.md §c.3)
    const flat = tf.reshape(p, [batch, -1]) as tf.Tensor2D;
    const scaled = tf.div(tf.mul(flat, eps), tf.add(safeRowNorm(flat), epsForDivision));
    return fromChannelMatrices(tf.reshape(scaled, p.shape) as tf.Tensor3D, channels);
  });
}

function randomFactors(
  shapeU: [number, number, number],
  shapeV: [number, number, number],
  batch: number,
  seed: number,
) {
  return tf.tidy(() => {
    const u0 = normalTensor(new Rng(seed), shapeU);
    // [code]: U_b ← U_b/‖U_b‖ over all channels of the sample, no ε_div here
    const norm = tf.reshape(perSampleNorm(u0, batch), [batch, 1]);
    const u = tf.reshape(tf.div(tf.reshape(u0, [batch, -1]), norm), shapeU) as tf.Tensor3D;
    return { u, v: tf.zeros(shapeV) as tf.Tensor3D };
  });
}

function checkFactor(t: unknown, name: string, expected: number[]): asserts t is tf.Tensor3D {
  const ok =
    t instanceof tf.Tensor &&
    !t.isDisposed &&
    t.rank === 3 &&
    t.shape.every((d: number, i: number) => d === expected[i]);
  if (!ok) {
    const got = t instanceof tf.Tensor ? `[${t.shape.join(", ")}]` : typeof t;
    throw new DescentError(
      `init.${name} must be a tensor of shape [${expected.join(", ")}], received ${got}`,
      {
        parameter: `init.${name}`,
        code: "shape",
      },
    );
  }
}

/**
 * Runs LoRa-PGD against `model` on the batch `(x, y)` (docs/method.md §c.3).
 *
 * Each step evaluates `L = ℓ(f(clip(x + Δ(U,V))), y)`, takes `(∂L/∂U, ∂L/∂V)` by autodiff and moves
 * `U ← U + G_U/(‖G_U,b‖ + ε_div)`, `V ← V + G_V/(‖G_V,b‖ + ε_div)` (per-sample norms over all channels,
 * no projection of the factors). The output is `clip(x + Δ(U, V))` with the final factors.
 *
 * @example
 * ```ts
 * const { adv, u, v } = loraPgd(model, x, y, { rank: 3, eps: 1.5 });
 * ```
 */
export function loraPgd(
  model: Classifier,
  x: tf.Tensor4D,
  y: tf.Tensor1D,
  options: LoraPgdOptions,
): LoraAttackResult {
  const t0 = performance.now();
  checkOptionsObject(options, LORA_PGD_KEYS, "options", true);
  const box = checkBox(options);
  checkImages(x, box);
  const [batch, height, width, channels] = x.shape;
  checkRank(options.rank, height, width);
  checkEps(options.eps);
  const steps = options.steps ?? 10;
  checkSteps(steps);
  const epsDiv = options.epsForDivision ?? 1e-10;
  assertPositive(epsDiv, "epsForDivision");
  const init = options.init ?? { kind: "random" };
  checkInit(init);
  const f = toLogitsFn(model);
  checkModelOutput(f, x, y);
  const { rank, eps } = options;
  const targeted = options.targeted ?? false;
  const shapeU: [number, number, number] = [batch * channels, height, rank];
  const shapeV: [number, number, number] = [batch * channels, rank, width];

  let u: tf.Tensor3D;
  let v: tf.Tensor3D;
  if (init.kind === "random") {
    const seed = init.seed ?? 0;
    assertInteger(seed, "init.seed");
    ({ u, v } = randomFactors(shapeU, shapeV, batch, seed));
  } else if (init.kind === "fgsm") {
    ({ u, v } = fgsmFactors(init.from ?? f, x, y, {
      eps,
      rank,
      clipMin: box.lo,
      clipMax: box.hi,
      targeted,
      epsForDivision: epsDiv,
    }));
  } else if (init.kind === "factors") {
    checkFactor(init.u, "u", shapeU);
    checkFactor(init.v, "v", shapeV);
    u = tf.clone(init.u);
    v = tf.clone(init.v);
  } else {
    throw new DescentError(
      `init.kind must be one of "random", "fgsm", "factors", received ${JSON.stringify((init as { kind: unknown }).kind)}`,
      { parameter: "init.kind", code: "enum" },
    );
  }
  const stateFloatsPerImage = channels * rank * (height + width);
  if (eps === 0) {
    // docs/method.md §c.3: with eps = 0 the loop is skipped; the perturbation is 0 (docs/method.md §f.7)
    return { adv: tf.clone(x), u, v, timeMs: performance.now() - t0, stateFloatsPerImage };
  }
  const objective = (uu: tf.Tensor3D, vv: tf.Tensor3D) =>
    attackObjective(adversarial(f, x, uu, vv, eps, epsDiv, box), y, targeted);
  const gradients = tf.grads((uu: tf.Tensor, vv: tf.Tensor) =>
    objective(uu as tf.Tensor3D, vv as tf.Tensor3D),
  );
  try {
    for (let k = 0; k < steps; k++) {
      throwIfAborted(options.signal);
      const [cu, cv] = [u, v];
      const [nu, nv] = tf.tidy(() => {
        const [gu, gv] = gradients([cu, cv]) as [tf.Tensor3D, tf.Tensor3D];
        return [
          tf.add(cu, normalizePerSample(gu, batch, epsDiv)) as tf.Tensor3D,
          tf.add(cv, normalizePerSample(gv, batch, epsDiv)) as tf.Tensor3D,
        ];
      });
      cu.dispose();
      cv.dispose();
      [u, v] = [nu, nv];
      options.onProgress?.(k + 1, steps);
    }
  } catch (error) {
    // a model that throws inside tf.grads leaves the tape's saved tensors behind
    disposeAbandonedGradientTape();
    u.dispose();
    v.dispose();
    throw error;
  }
  const adv = tf.tidy(() =>
    tf.clipByValue(tf.add(x, perturbationOf(u, v, batch, channels, eps, epsDiv)), box.lo, box.hi),
  ) as tf.Tensor4D;
  adv.dataSync(); // docs/method.md §h.8
  return { adv, u, v, timeMs: performance.now() - t0, stateFloatsPerImage };
}

function adversarial(
  f: LogitsFn,
  x: tf.Tensor4D,
  u: tf.Tensor3D,
  v: tf.Tensor3D,
  eps: number,
  epsDiv: number,
  box: { lo: number; hi: number },
): tf.Tensor2D {
  const delta = perturbationOf(u, v, x.shape[0], x.shape[3], eps, epsDiv);
  return f(tf.clipByValue(tf.add(x, delta), box.lo, box.hi) as tf.Tensor4D);
}
