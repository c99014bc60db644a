/**
 * Progress for long runs: a bar on a TTY (cli-progress), plain lines otherwise (CI logs, pipes).
 */
import cliProgress from "cli-progress";

/** Progress reporting handed to demos. */
export interface Progress {
  /** Starts a phase with `total` steps. */
  start(label: string, total: number): void;
  /** Advances the current phase by `steps` (default 1), optionally with a status text. */
  tick(steps?: number, status?: string): void;
  /** Ends the current phase. */
  stop(): void;
}

/** A {@link Progress} that draws a bar on a TTY and prints about ten plain lines per phase otherwise. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true && process.env["CI"] === undefined;
  let bar: cliProgress.SingleBar | null = null;
  let label = "";
  let total = 0;
  let done = 0;
  let lastPrinted = -1;
  return {
    start(l, t) {
      label = l;
      total = Math.max(1, t);
      done = 0;
      lastPrinted = -1;
      if (tty) {
        bar = new cliProgress.SingleBar(
          { format: `  ${l} [{bar}] {percentage}% {value}/{total} {status}`, stream, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { status: "" });
      } else {
        stream.write(`  ${l}: 0/${total}\n`);
      }
    },
    tick(steps = 1, status = "") {
      done = Math.min(total, done + steps);
      if (bar) {
        bar.update(done, { status });
        return;
      }
      const decile = Math.floor((10 * done) / total);
      if (decile > lastPrinted && decile > 0) {
        lastPrinted = decile;
        stream.write(`  ${label}: ${done}/${total}${status ? ` ${status}` : ""}\n`);
      }
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/** A {@link Progress} that reports nothing (tests). */
export const silentProgress: Progress = { start() {}, tick() {}, stop() {} };
