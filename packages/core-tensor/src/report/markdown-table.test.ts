import { describe, expect, it } from "vitest";
import { formatNumber, markdownTable } from "./markdown-table.js";

describe("markdownTable", () => {
  it("writes a header, an alignment rule and one line per row", () => {
    const md = markdownTable(["method", "n", "error"], [["Cholesky", 64, 1.5e-13]], {
      align: ["left", "right", "center"],
    });
    expect(md).toBe("| method | n | error |\n| --- | ---: | :---: |\n| Cholesky | 64 | 1.500e-13 |\n");
  });

  it("escapes pipes and backslashes and flattens line breaks so a cell cannot break the table", () => {
    const md = markdownTable(["a|b"], [["x | y\nz \\ w"]]);
    expect(md.split("\n")[0]).toBe("| a\\|b |");
    expect(md.split("\n")[2]).toBe("| x \\| y z \\\\ w |");
    expect(md.trimEnd().split("\n")).toHaveLength(3);
  });

  it("shows null as a dash and pads short rows to the header width", () => {
    expect(markdownTable(["a", "b", "c"], [[null, 1]]).split("\n")[2]).toBe("| — | 1 | — |");
  });
});

describe("formatNumber", () => {
  it("keeps integers, rounds to significant digits and switches to exponents outside [1e-3, 1e6)", () => {
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(Math.PI)).toBe("3.142");
    expect(formatNumber(Math.PI, 2)).toBe("3.1");
    expect(formatNumber(2.5e-7)).toBe("2.500e-7");
    expect(formatNumber(1234567.5)).toBe("1.235e+6");
    expect(formatNumber(Number.NaN)).toBe("NaN");
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe("-Infinity");
  });
});

describe("markdownTable input validation", () => {
  it("rejects empty headers and a row with more cells than headers", () => {
    expect(() => markdownTable([], [])).toThrow(/headers must not be empty/);
    expect(() => markdownTable(["a"], [["x", "y"]])).toThrow(/rows\[0\] has 2 cells, headers has 1/);
  });
});
