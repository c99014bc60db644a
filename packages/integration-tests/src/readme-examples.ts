/**
 * README examples: which fenced code blocks of a package README are runnable, which are explicitly not
 * run, and what a runnable one is documented to print. The convention (root README, "Contributing"):
 *
 * - every fenced ```ts (or ```typescript) block that imports from `"@descent/..."` is a runnable example:
 *   CI writes it to a file inside the package folder and runs it with
 *   `node --conditions=source --import tsx <file>`; it must exit with code 0;
 * - an HTML comment `<!-- example: not run (reason) -->` on the lines just above the fence (blank lines
 *   allowed in between) opts a block out (too slow for CI, or a fragment that needs the reader's data);
 *   the reason is required and the test lists these blocks;
 * - a ```text block right after the example (blank lines allowed in between) states what it prints:
 *   each of its non-empty lines must be a line of the example's standard output, in the same order
 *   (other output lines may come in between).
 */

/** One ```ts block of a README that imports from a `@descent/*` package. */
export interface ReadmeExample {
  /** 1-based position among the README's examples (the `@descent`-importing ts blocks). */
  index: number;
  /** 1-based line of the opening fence in the README. */
  line: number;
  /** The code between the fences. */
  code: string;
  /** Non-empty lines of the ```text block that follows, when there is one. */
  expectedOutput: string[];
  /** The reason given by `<!-- example: not run (reason) -->`, `undefined` for a runnable example. */
  notRunReason: string | undefined;
}

const FENCE = /^(`{3,}|~{3,})\s*([\w-]*)/;
const NOT_RUN = /^<!--\s*example:\s*not run\b\s*(.*?)\s*-->$/;
const DESCENT_IMPORT = /\bfrom\s+["']@descent\/[\w-]+(?:\/[\w-]+)?["']|\bimport\s+["']@descent\//;

interface FencedBlock {
  line: number;
  lang: string;
  body: string[];
  /** index of the opening fence line (0-based) */
  start: number;
  /** index of the closing fence line (0-based) */
  end: number;
}

function fencedBlocks(lines: string[]): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? "");
    if (!open) continue;
    const fence = open[1] ?? "```";
    const lang = (open[2] ?? "").toLowerCase();
    const body: string[] = [];
    let j = i + 1;
    // a closing fence is the same character, at least as long, and nothing else on the line
    while (
      j < lines.length &&
      !(lines[j]?.trim().startsWith(fence) && lines[j]?.trim().replace(/[`~]/g, "") === "")
    ) {
      body.push(lines[j] ?? "");
      j++;
    }
    blocks.push({ line: i + 1, lang, body, start: i, end: j });
    i = j;
  }
  return blocks;
}

/** The non-blank line above index `start` (skipping blank lines), or `undefined`. */
function previousNonBlank(lines: string[], start: number): string | undefined {
  for (let i = start - 1; i >= 0; i--) {
    const text = lines[i]?.trim() ?? "";
    if (text !== "") return text;
  }
  return undefined;
}

/** Whether only blank lines separate line index `from` (exclusive) and `to` (exclusive). */
function onlyBlankBetween(lines: string[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if ((lines[i]?.trim() ?? "") !== "") return false;
  return true;
}

/**
 * The examples of one README, in order (see the module comment for the convention).
 * @throws Error when a not-run marker gives no reason (the test must be able to list why).
 */
export function readmeExamples(markdown: string): ReadmeExample[] {
  const lines = markdown.split(/\r?\n/);
  const blocks = fencedBlocks(lines);
  const examples: ReadmeExample[] = [];
  blocks.forEach((block, k) => {
    if (block.lang !== "ts" && block.lang !== "typescript") return;
    const code = block.body.join("\n");
    if (!DESCENT_IMPORT.test(code)) return;
    const marker = NOT_RUN.exec(previousNonBlank(lines, block.start) ?? "");
    let notRunReason: string | undefined;
    if (marker) {
      notRunReason = (marker[1] ?? "").replace(/^[(:—–-]\s*|\)$/g, "").trim();
      if (notRunReason === "") {
        throw new Error(`README line ${block.line}: "<!-- example: not run -->" needs a reason`);
      }
    }
    const next = blocks[k + 1];
    const expectedOutput =
      next && next.lang === "text" && onlyBlankBetween(lines, block.end, next.start)
        ? next.body.map((l) => l.trim()).filter((l) => l !== "")
        : [];
    examples.push({ index: examples.length + 1, line: block.line, code, expectedOutput, notRunReason });
  });
  return examples;
}

/**
 * The expected lines that the output does not print: each expected line must equal a whole output line
 * (both trimmed), and they must come in the README's order (other output lines may come in between).
 * Returns the first expected line not found and every one after it, empty when all are printed.
 */
export function missingOutputLines(expected: readonly string[], stdout: string): string[] {
  const printed = stdout.split(/\r?\n/).map((l) => l.trim());
  let at = 0;
  for (let k = 0; k < expected.length; k++) {
    const found = printed.indexOf(expected[k] ?? "", at);
    if (found < 0) return expected.slice(k);
    at = found + 1;
  }
  return [];
}
