import { describe, expect, it } from "vitest";
import {
  checksAgree,
  innerCalls,
  interleavedMedians,
  interleavedOrder,
  median,
  parseReply,
  README_END,
  README_START,
  rewriteReadmeBlock,
} from "./harness.js";

describe("bench:peers harness", () => {
  it("medians of interleaved repeats, per side", () => {
    expect(interleavedOrder(3)).toEqual(["ts", "peer", "ts", "peer", "ts", "peer"]);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
    const samples = [
      { side: "ts" as const, ms: 10 },
      { side: "peer" as const, ms: 2 },
      { side: "ts" as const, ms: 100 },
      { side: "peer" as const, ms: 4 },
      { side: "ts" as const, ms: 12 },
      { side: "peer" as const, ms: 3 },
    ];
    expect(interleavedMedians(samples)).toEqual({ ts: 12, peer: 3 });
    expect(innerCalls(0.5, 40)).toBe(80);
    expect(innerCalls(100, 40)).toBe(1);
  });

  it("parses the peer's JSON lines and rejects anything else", () => {
    expect(parseReply('{"id": 3, "ok": true, "result": {"cpu_ms": 1.5}}')).toEqual({
      id: 3,
      ok: true,
      result: { cpu_ms: 1.5 },
    });
    expect(parseReply('{"id": 4, "ok": false, "error": "boom"}')).toEqual({
      id: 4,
      ok: false,
      error: "boom",
    });
    expect(() => parseReply("Traceback (most recent call last):")).toThrow(/not JSON/);
    expect(() => parseReply('{"ok": true, "result": {}}')).toThrow(/id/);
    expect(() => parseReply('{"id": 1, "ok": true}')).toThrow(/result/);
  });

  it("agreement check within a relative tolerance", () => {
    expect(checksAgree(1000, 1000.0005, 1e-6)).toBe(true);
    expect(checksAgree(1000, 1001, 1e-6)).toBe(false);
    expect(checksAgree(Number.NaN, 1, 1)).toBe(false);
  });

  it("rewrites only the block between the markers", () => {
    const readme = `# x\n\n## Speed\ntext\n${README_START}\nold table\n${README_END}\nafter\n`;
    const out = rewriteReadmeBlock(readme, "new table\n");
    expect(out).toBe(`# x\n\n## Speed\ntext\n${README_START}\nnew table\n${README_END}\nafter\n`);
    expect(rewriteReadmeBlock(out as string, "new table")).toBe(out);
    expect(rewriteReadmeBlock("# no markers\n", "t")).toBeNull();
    expect(rewriteReadmeBlock(`${README_END}\n${README_START}\n`, "t")).toBeNull();
  });
});
