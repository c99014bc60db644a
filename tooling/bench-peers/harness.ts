/**
 * Pure logic of `pnpm bench:peers` (no I/O): medians of interleaved repeats, the JSON-lines protocol
 * with the Python peer, the agreement check between the two sides, the result table and the rewrite of
 * the generated README block. The I/O lives in `peer-process.ts` and `run-package.ts`.
 */

/** Median of a non-empty list (mean of the two middle values for an even length). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of an empty list");
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** One repeat of one side: CPU milliseconds per call, averaged over `inner` calls. */
export interface Sample {
  side: "ts" | "peer";
  ms: number;
}

/**
 * The order in which repeats run: TS, peer, TS, peer, … so that a change of machine load hits both
 * sides alike. Returns 2·reps entries.
 */
export function interleavedOrder(reps: number): ("ts" | "peer")[] {
  const order: ("ts" | "peer")[] = [];
  for (let i = 0; i < reps; i++) order.push("ts", "peer");
  return order;
}

/** Medians of each side of an interleaved run. */
export function interleavedMedians(samples: readonly Sample[]): { ts: number; peer: number } {
  const ts = samples.filter((s) => s.side === "ts").map((s) => s.ms);
  const peer = samples.filter((s) => s.side === "peer").map((s) => s.ms);
  return { ts: median(ts), peer: median(peer) };
}

/** Calls per repeat so that one repeat lasts about `targetMs` (at least 1, at most `max`). */
export function innerCalls(firstCallMs: number, targetMs: number, max = 1000): number {
  if (!(firstCallMs > 0)) return max;
  return Math.max(1, Math.min(max, Math.ceil(targetMs / firstCallMs)));
}

/** A reply of the Python peer: one JSON object per line. */
export type PeerReply =
  | { id: number; ok: true; result: Record<string, unknown> }
  | { id: number; ok: false; error: string };

/** Parses one line written by the peer; throws on anything that is not a reply of the protocol. */
export function parseReply(line: string): PeerReply {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new Error(`peer wrote a line that is not JSON: ${line.slice(0, 200)}`);
  }
  if (v === null || typeof v !== "object" || Array.isArray(v))
    throw new Error(`peer reply is not an object: ${line}`);
  const o = v as Record<string, unknown>;
  if (typeof o["id"] !== "number") throw new Error(`peer reply without a numeric id: ${line}`);
  if (o["ok"] === true) {
    const r = o["result"];
    if (r === null || typeof r !== "object" || Array.isArray(r))
      throw new Error(`peer reply without result: ${line}`);
    return { id: o["id"], ok: true, result: r as Record<string, unknown> };
  }
  if (o["ok"] === false) return { id: o["id"], ok: false, error: String(o["error"] ?? "unknown error") };
  throw new Error(`peer reply without ok flag: ${line}`);
}

/** Reads a finite number field of a reply result. */
export function numberField(result: Record<string, unknown>, key: string): number {
  const x = result[key];
  if (typeof x !== "number" || !Number.isFinite(x))
    throw new Error(`peer result field ${key} is not a finite number`);
  return x;
}

/**
 * Whether the two sides computed the same thing: |ts − peer| ≤ rtol·max(|ts|, |peer|) + atol.
 * A benchmark row whose check fails gets no ratio.
 */
export function checksAgree(ts: number, peer: number, rtol: number, atol = 0): boolean {
  if (!Number.isFinite(ts) || !Number.isFinite(peer)) return false;
  return Math.abs(ts - peer) <= rtol * Math.max(Math.abs(ts), Math.abs(peer)) + atol;
}

/** One measured row. */
export interface PeerRow {
  computation: string;
  peer: string;
  tsMs: number | null;
  peerMs: number | null;
  /** TS time / peer time; null when skipped or when the check failed. */
  ratio: number | null;
  reps: number;
  /** "value" (agree within tolerance), "MISMATCH", or why the row has no peer time. */
  check: string;
  threads: string;
  note?: string;
}

/** Milliseconds with three significant digits. */
export function fmtMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}

/** A ratio such as `3.1×`. */
export function fmtRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return "—";
  return `${r.toFixed(r >= 10 ? 0 : r >= 1 ? 1 : 2)}×`;
}

/** The Markdown table of one package's rows. */
export function markdownRows(rows: readonly PeerRow[]): string {
  const out = [
    "| computation | peer | TS ms | peer ms | TS/peer | check | threads |",
    "| --- | --- | ---: | ---: | ---: | --- | --- |",
  ];
  for (const r of rows) {
    out.push(
      `| ${r.computation} | ${r.peer} | ${fmtMs(r.tsMs)} | ${fmtMs(r.peerMs)} | ${fmtRatio(r.ratio)} | ${r.check} | ${r.threads} |`,
    );
  }
  return out.join("\n");
}

export const README_START = "<!-- bench:peers:start -->";
export const README_END = "<!-- bench:peers:end -->";

/**
 * Replaces the text between the README markers by `block` (markers kept, each on its own line).
 * Returns null when the README has no markers, or they are out of order or repeated.
 */
export function rewriteReadmeBlock(readme: string, block: string): string | null {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < 0 || end < start) return null;
  if (readme.indexOf(README_START, start + 1) >= 0 || readme.indexOf(README_END, end + 1) >= 0) return null;
  const head = readme.slice(0, start + README_START.length);
  const tail = readme.slice(end);
  return `${head}\n${block.trim()}\n${tail}`;
}
