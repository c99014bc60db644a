import { describe, expect, it } from "vitest";
import { missingOutputLines, readmeExamples } from "./readme-examples.js";

const fence = "```";
const readme = [
  "# pkg",
  `${fence}bash`,
  "pnpm add @descent/pkg",
  fence,
  `${fence}ts`,
  'import { a } from "@descent/pkg";',
  "console.log(a);",
  fence,
  "",
  `${fence}text`,
  "  42  ",
  "",
  "done",
  fence,
  `${fence}ts`,
  "const notAnExample = 1; // imports nothing from @descent",
  fence,
  "<!-- example: not run (needs your own model) -->",
  "",
  `${fence}typescript`,
  'import { b } from "@descent/pkg/report";',
  fence,
  "<!-- example: not run -->",
  `${fence}ts`,
  'import { c } from "@descent/pkg";',
  fence,
].join("\n");

describe("README example convention", () => {
  it("picks the ts blocks importing @descent/*, with their text output and not-run reasons", () => {
    const examples = readmeExamples(readme.split("<!-- example: not run -->")[0] ?? "");
    expect(examples.map((e) => [e.index, e.line, e.notRunReason, e.expectedOutput])).toEqual([
      [1, 5, undefined, ["42", "done"]],
      [2, 20, "needs your own model", []],
    ]);
    expect(examples[0]?.code).toBe('import { a } from "@descent/pkg";\nconsole.log(a);');
  });

  it("rejects a not-run marker without a reason", () => {
    expect(() => readmeExamples(readme)).toThrow(/line 24.*needs a reason/);
  });

  it("wants the expected lines as whole output lines, in order, other lines allowed in between", () => {
    expect(missingOutputLines(["42", "done"], "start\n 42 \nnoise\ndone\n")).toEqual([]);
    expect(missingOutputLines(["42", "done"], "x 42 y\ndone\n")).toEqual(["42", "done"]);
    expect(missingOutputLines(["42", "done"], "done\n42\n")).toEqual(["done"]);
  });
});
