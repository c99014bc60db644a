/**
 * The clipped double-Q critic step that TD3 and SAVO share (Fujimoto et al. 2018, steps 3–4; docs/method.md
 * §A.8): targets y = r + γ·(1 − terminated)·min(Q1'(s', a'), Q2'(s', a')) from the target critics at the
 * prepared next inputs, then one optimizer step of each critic on mean (Q − y)².
 */
import type { DenseNetwork } from "./mlp.js";
import type { Optimizer } from "./optimizers.js";

/** The two critics, their targets and optimizers, as both agents hold them. */
export interface TwinCritics {
  readonly critic1: DenseNetwork;
  readonly critic2: DenseNetwork;
  readonly critic1Target: DenseNetwork;
  readonly critic2Target: DenseNetwork;
  readonly critic1Optimizer: Optimizer;
  readonly critic2Optimizer: Optimizer;
}

/**
 * Runs the critic step on rows of `x` (s, a) with targets from `xNext` (s', a'); `y` and `dq` are
 * reused buffers of length ≥ `rows`. Returns the summed mean squared error of both critics.
 */
export function twinCriticStep(
  critics: TwinCritics,
  x: Float32Array,
  xNext: Float32Array,
  rewards: ArrayLike<number>,
  terminated: ArrayLike<number | boolean>,
  gamma: number,
  rows: number,
  y: Float32Array,
  dq: Float32Array,
): number {
  const q1n = critics.critic1Target.forward(xNext, rows);
  const q2n = critics.critic2Target.forward(xNext, rows);
  for (let r = 0; r < rows; r++) {
    const minQ = Math.min(q1n[r] as number, q2n[r] as number);
    y[r] = (rewards[r] as number) + (terminated[r] ? 0 : gamma * minQ);
  }
  // d/dQ of mean (Q − y)² is 2(Q − y)/B
  let criticLoss = 0;
  for (const [critic, opt] of [
    [critics.critic1, critics.critic1Optimizer],
    [critics.critic2, critics.critic2Optimizer],
  ] as const) {
    const q = critic.forward(x, rows);
    for (let r = 0; r < rows; r++) {
      const e = (q[r] as number) - (y[r] as number);
      criticLoss += (e * e) / rows;
      dq[r] = (2 * e) / rows;
    }
    critic.zeroGrad();
    critic.backward(dq);
    opt.step(critic.params, critic.grads);
  }
  return criticLoss;
}
