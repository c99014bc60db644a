/**
 * The verdict of a demo from its checked statements, shared by every demo so that reports read the same:
 * each statement of the method document's protocol is "held", "not held", or — in quick mode, for a
 * statement that the smaller run cannot decide — "not judged (quick)", which is never counted as a failure,
 * and never as a success either: a run that could not judge one of the paper's claims is at most
 * "partially reproduced".
 */
import type { ClaimStatus } from "../demo.js";

/** The label of a statement that the quick run is too small to decide. */
export const NOT_JUDGED_QUICK = "not judged (quick)" as const;

/** The outcome of one checked statement. */
export type Judgement = "held" | "not held" | typeof NOT_JUDGED_QUICK;

/** How a statement is judged: whether it held, and whether a quick run is large enough to decide it. */
export interface JudgeOptions {
  /** `--quick`. */
  quick: boolean;
  /**
   * Whether the quick run can decide the statement (default true). When false, the statement is reported as
   * "not judged (quick)" in quick mode, whatever the measured numbers say; full mode always judges.
   */
  judgedInQuick?: boolean;
}

/** The judgement of a statement that `holds` (or not) under `options`. */
export function judge(holds: boolean, options: JudgeOptions): Judgement {
  if (options.quick && options.judgedInQuick === false) return NOT_JUDGED_QUICK;
  return holds ? "held" : "not held";
}

/** A checked statement: a short label for the headline and its judgement. */
export interface JudgedStatement {
  readonly label: string;
  readonly judgement: Judgement;
  /**
   * Whether the statement is one of the paper's claims (default true) rather than a sanity check of the
   * setup (a channel's throughput formula, an upper bound that must hold by construction).
   */
  readonly claim?: boolean;
}

/** What a set of judged statements adds up to. */
export interface VerdictSummary {
  readonly status: ClaimStatus;
  /** Statements that held. */
  readonly held: number;
  /** Statements judged (held or not held). */
  readonly judged: number;
  /** Labels of the statements that did not hold. */
  readonly failed: readonly string[];
  /** Labels of the statements not judged in quick mode. */
  readonly notJudged: readonly string[];
  /** E.g. `"3/4 judged statements held (failed: e.2); not judged (quick): e.4"`. */
  readonly sentence: string;
}

/** Options of {@link summarizeVerdict}. */
export interface SummaryOptions {
  /**
   * Fewest held statements for "partially reproduced" when some fail (default 1); below it the verdict is
   * "not reproduced".
   */
  partialAt?: number;
  /** The noun of the sentence (default "statements"), e.g. "pass criteria of method §e.4". */
  noun?: string;
}

/**
 * The verdict. When a judged statement did not hold: "partially reproduced" if at least `partialAt` held,
 * "not reproduced" otherwise. When none failed: "reproduced" if every claim was judged, "partially
 * reproduced" if some claims were judged and others not, "not applicable" if no claim could be judged.
 */
export function summarizeVerdict(
  statements: readonly JudgedStatement[],
  options: SummaryOptions = {},
): VerdictSummary {
  const { partialAt = 1, noun = "statements" } = options;
  const failed = statements.filter((s) => s.judgement === "not held").map((s) => s.label);
  const notJudged = statements.filter((s) => s.judgement === NOT_JUDGED_QUICK).map((s) => s.label);
  const judged = statements.length - notJudged.length;
  const held = judged - failed.length;
  const claims = statements.filter((s) => s.claim !== false);
  const claimsJudged = claims.filter((s) => s.judgement !== NOT_JUDGED_QUICK).length;
  const status: ClaimStatus =
    failed.length > 0
      ? held >= partialAt
        ? "partially reproduced"
        : "not reproduced"
      : claimsJudged === 0
        ? "not applicable"
        : claimsJudged < claims.length
          ? "partially reproduced"
          : "reproduced";
  const sentence =
    `${held}/${judged} judged ${noun} held` +
    (failed.length > 0 ? ` (failed: ${failed.join(", ")})` : "") +
    (notJudged.length > 0 ? `; not judged (quick): ${notJudged.join(", ")}` : "");
  return { status, held, judged, failed, notJudged, sentence };
}
