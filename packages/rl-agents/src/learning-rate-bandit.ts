/**
 * `LearningRateBandit`: the LRRL bandit as a reusable component that drives any set of optimizers
 * (docs/method.md §B.a: agnostic to the base algorithm and optimizer). Each round: {@link beginRound} samples an
 * arm and writes its learning rate into the optimizers (moments untouched, docs/method.md §B.h); the caller trains
 * for the round and hands the round's performance to {@link endRound}.
 */
import { assertPositive } from "@descent/core-tensor";
import type { Optimizer } from "./optimizers.js";
import { type LrBanditOptions, TimeDecayedExp3 } from "./time-decayed-exp3.js";

/** What one bandit round did. */
export interface BanditRound {
  round: number;
  arm: number;
  lr: number;
  feedback: number;
  /** Probabilities after the update. */
  probs: number[];
}

/** Drives optimizers' learning rates with {@link TimeDecayedExp3} (docs/method.md §B.c). */
export class LearningRateBandit {
  readonly bandit: TimeDecayedExp3;
  private readonly optimizers: Optimizer[];
  private readonly listeners: ((r: BanditRound) => void)[] = [];

  constructor(opts: LrBanditOptions & { optimizers?: readonly Optimizer[] }) {
    this.bandit = new TimeDecayedExp3(opts);
    // the arms are learning rates here: each must be > 0 (the generic bandit only needs them finite)
    for (const [k, lr] of opts.arms.entries()) assertPositive(lr, `arms[${k}]`);
    this.optimizers = [...(opts.optimizers ?? [])];
  }

  /** Adds optimizers to drive. */
  attach(...optimizers: Optimizer[]): void {
    this.optimizers.push(...optimizers);
  }

  /** Registers a callback run after every round's update. */
  onRound(cb: (r: BanditRound) => void): void {
    this.listeners.push(cb);
  }

  /** The current round's learning rate, or undefined between rounds. */
  get currentRate(): number | undefined {
    const k = this.bandit.currentArm;
    return k === null ? undefined : this.bandit.arms[k];
  }

  /** Samples the round's arm and sets its rate on every optimizer; returns the rate. */
  beginRound(): number {
    const k = this.bandit.selectArm();
    const lr = this.bandit.arms[k] as number;
    for (const opt of this.optimizers) opt.learningRate = lr;
    return lr;
  }

  /** Ends the round with its performance feedback f_n (higher is better). */
  endRound(feedback: number): BanditRound {
    const arm = this.bandit.currentArm ?? -1;
    const lr = arm >= 0 ? (this.bandit.arms[arm] as number) : Number.NaN;
    this.bandit.update(feedback);
    const r: BanditRound = {
      round: this.bandit.rounds,
      arm,
      lr,
      feedback,
      probs: [...this.bandit.probabilities],
    };
    for (const cb of this.listeners) cb(r);
    return r;
  }
}
