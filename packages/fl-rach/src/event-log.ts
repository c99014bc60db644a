/**
 * The structured event log of a RACH-FL run (issue 5: per slot who transmitted and what happened, per frame
 * loss/accuracy and memory norms). The simulator streams events to `onEvent`; {@link toJsonLines} writes
 * them one JSON object per line, byte-identical for identical seeds (docs/method.md §f.13).
 *
 * @example
 * ```ts
 * const events: RachFlEvent[] = [];
 * await runRachFl({ ...config, onEvent: (e) => events.push(e) });
 * writeFileSync("run.jsonl", toJsonLines(events));
 * ```
 */
import type { SlotOutcome } from "./channel.js";

/** One record of the log; `frame` is the 0-based frame index t. */
export type RachFlEvent =
  | { readonly type: "frameStart"; readonly frame: number }
  | {
      readonly type: "localUpdate";
      readonly frame: number;
      readonly user: number;
      /** ‖Δ_{u,t}‖ */
      readonly updateNorm: number;
      /** ‖m_{u,t}‖ before adding Δ */
      readonly memoryNorm: number;
      /** ‖a_{u,t}‖ */
      readonly compensatedNorm: number;
      /** the policy's score (`AccessPolicy.score`), or ‖m‖ − ‖Δ‖ when it has none */
      readonly aog: number;
    }
  | {
      readonly type: "access";
      readonly frame: number;
      readonly user: number;
      readonly p: number;
      readonly active: boolean;
      /**
       * true when the policy chose nobody and p is the empty-set fallback (vanilla ALOHA for all), so that
       * a log tells the fallback apart from users the policy chose
       */
      readonly fallback: boolean;
    }
  | {
      readonly type: "slot";
      readonly frame: number;
      readonly slot: number;
      readonly transmitters: readonly number[];
      readonly outcome: SlotOutcome;
    }
  | {
      readonly type: "aggregate";
      readonly frame: number;
      /** distinct users received, ascending */
      readonly received: readonly number[];
      /** ‖w_{t+1} − w_t‖ */
      readonly updateNorm: number;
      /** slots used in this frame */
      readonly slotsUsed: number;
      /** ‖m_{u,t+1}‖ of every user after the memory update */
      readonly memoryNorms: readonly number[];
    }
  | {
      readonly type: "eval";
      /** frames completed (0 = the initial model) */
      readonly frame: number;
      /** cumulative slots */
      readonly slotsUsed: number;
      readonly metrics: Readonly<Record<string, number>>;
    };

/** Serialises events as JSON Lines (one object per line, trailing newline). */
export function toJsonLines(events: Iterable<RachFlEvent>): string {
  let out = "";
  for (const e of events) out += `${JSON.stringify(e)}\n`;
  return out;
}
