/**
 * The contract between the `descent` CLI and each package's demos (reduced-scale reproductions).
 * A demo computes, fills a {@link Report} and returns a one-line verdict; the runner writes the files.
 */
import type { Progress } from "./progress.js";
import type { Report } from "./report-writer.js";

/** What the runner hands to a demo. */
export interface DemoContext {
  /** `--quick`: under a minute, used by the main job. Otherwise the reduced-scale reproduction of method §e. */
  readonly quick: boolean;
  /** `--seed`: every random draw of the demo derives from it. */
  readonly seed: number;
  /** Folder of this demo's report (`reports/<demo>` by default); figures go there too. */
  readonly outDir: string;
  readonly report: Report;
  readonly progress: Progress;
  readonly signal: AbortSignal;
  /** A plain progress line (goes to stderr, so stdout stays for results). */
  log(message: string): void;
}

/** Whether the paper's claim held at this scale. */
export type ClaimStatus = "reproduced" | "partially reproduced" | "not reproduced" | "not applicable";

/** The verdict a demo returns; it heads the report and the index page. */
export interface DemoOutcome {
  status: ClaimStatus;
  /** One sentence with the headline numbers. */
  headline: string;
}

/** A runnable reproduction, registered under its package's name (rl-agents registers `lrrl` and `savo`). */
export interface Demo {
  /** Registry name used on the command line, e.g. `"sabo"`. */
  readonly name: string;
  /** The npm package it reproduces, e.g. `"@descent/sabo"`. */
  readonly packageName: string;
  readonly title: string;
  /** One paragraph: what is run and which claim of the paper it tests. */
  readonly description: string;
  /**
   * The package's method document, relative to the repository root (e.g. `"packages/sabo/docs/method.md"`):
   * the report links it above everything else.
   */
  readonly method?: string;
  /** Terms and abbreviations the report uses (e.g. `{ INGO: "Implicit Natural Gradient Optimizer ..." }`), defined at its top. */
  readonly terms?: Readonly<Record<string, string>>;
  run(ctx: DemoContext): Promise<DemoOutcome>;
}
