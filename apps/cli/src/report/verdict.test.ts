import { describe, expect, it } from "vitest";
import { judge, NOT_JUDGED_QUICK, summarizeVerdict } from "./verdict.js";

describe("judge", () => {
  it("judges every statement in full mode, whatever quick mode could decide", () => {
    expect(judge(true, { quick: false, judgedInQuick: false })).toBe("held");
    expect(judge(false, { quick: false, judgedInQuick: false })).toBe("not held");
  });

  it("marks a statement the quick run cannot decide as not judged, whether or not it held", () => {
    expect(judge(false, { quick: true, judgedInQuick: false })).toBe(NOT_JUDGED_QUICK);
    expect(judge(true, { quick: true, judgedInQuick: false })).toBe(NOT_JUDGED_QUICK);
  });

  it("judges statements that quick mode can decide (the default)", () => {
    expect(judge(false, { quick: true })).toBe("not held");
    expect(judge(true, { quick: true, judgedInQuick: true })).toBe("held");
  });
});

describe("summarizeVerdict", () => {
  const s = (label: string, judgement: "held" | "not held" | "not judged (quick)") => ({ label, judgement });

  it("is reproduced only when every claim was judged and held", () => {
    expect(summarizeVerdict([s("e.1", "held"), s("e.2", "held")]).status).toBe("reproduced");
    // a sanity check that quick mode cannot decide does not hold the verdict back
    const sanity = { label: "bound", judgement: NOT_JUDGED_QUICK, claim: false };
    expect(summarizeVerdict([s("e.1", "held"), sanity]).status).toBe("reproduced");
  });

  it("counts a claim that quick mode could not judge neither as failed nor as held", () => {
    const v = summarizeVerdict([s("e.1", "held"), s("e.2", NOT_JUDGED_QUICK), s("e.3", "held")]);
    expect(v.status).toBe("partially reproduced");
    expect([v.held, v.judged]).toEqual([2, 2]);
    expect(v.failed).toEqual([]);
    expect(v.notJudged).toEqual(["e.2"]);
    expect(v.sentence).toBe("2/2 judged statements held; not judged (quick): e.2");
  });

  it("names the failed statements and grades partial reproduction by partialAt", () => {
    const statements = [s("a", "held"), s("b", "not held"), s("c", "not held")];
    const v = summarizeVerdict(statements, { noun: "criteria" });
    expect(v.status).toBe("partially reproduced");
    expect(v.failed).toEqual(["b", "c"]);
    expect(v.sentence).toBe("1/3 judged criteria held (failed: b, c)");
    expect(summarizeVerdict(statements, { partialAt: 2 }).status).toBe("not reproduced");
  });

  it("is not reproduced when nothing held and not applicable when no claim was judged", () => {
    expect(summarizeVerdict([s("a", "not held")]).status).toBe("not reproduced");
    const none = summarizeVerdict([s("a", NOT_JUDGED_QUICK)]);
    expect(none.status).toBe("not applicable");
    expect(none.judged).toBe(0);
    const onlySanity = summarizeVerdict([
      s("claim", NOT_JUDGED_QUICK),
      { label: "bound", judgement: "held", claim: false },
    ]);
    expect(onlySanity.status).toBe("not applicable");
    expect(onlySanity.sentence).toBe("1/1 judged statements held; not judged (quick): claim");
    expect(summarizeVerdict([]).status).toBe("not applicable");
  });
});
