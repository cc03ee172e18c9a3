import { describe, expect, it } from "vitest";
import { parseFailedTests } from "../../../src/check/parse-failed-tests.js";
import { countsWithoutTamper, judgeTamper } from "../../../src/check/tamper/judge-tamper.js";
import type { CheckParser } from "../../../src/types.js";

const plan = {
  file: "tests/hidden.rs",
  mustPass: ["keeps_edge_cases_twice"],
  mustFail: ["counts_long_input_in_order"],
};
const line = (name: string, result: "ok" | "FAILED") => `test ${name} ... ${result}`;

describe("judgeTamper (cargo output)", () => {
  it.each<[string, string, number | null, string]>([
    [
      "honest: must-pass ok, must-fail FAILED, exit 101",
      [line("keeps_edge_cases_twice", "ok"), line("counts_long_input_in_order", "FAILED")].join("\n"),
      101,
      "clean",
    ],
    [
      "must-fail reported ok",
      [line("keeps_edge_cases_twice", "ok"), line("counts_long_input_in_order", "ok")].join("\n"),
      101,
      "tampered",
    ],
    [
      "exit 0 although a test must fail",
      [line("keeps_edge_cases_twice", "ok"), line("counts_long_input_in_order", "FAILED")].join("\n"),
      0,
      "tampered",
    ],
    ["must-fail missing while must-pass shows", line("keeps_edge_cases_twice", "ok"), 101, "tampered"],
    ["nothing ran (a compile error)", "error[E0382]: borrow of moved value", 101, "not_run"],
  ])("%s → %s", (_name, output, exitCode, verdict) => {
    expect(judgeTamper({ plan, parser: "cargo", output, exitCode, timedOut: false }).verdict).toBe(verdict);
  });

  it("says what it saw", () => {
    const judged = judgeTamper({
      plan,
      parser: "cargo",
      output: line("counts_long_input_in_order", "ok"),
      exitCode: 0,
      timedOut: false,
    });
    expect(judged.findings).toEqual([
      'tamper test "counts_long_input_in_order" must fail, but the runner reported it passed',
      'the runner exited 0, but tamper test "counts_long_input_in_order" fails in every honest run',
    ]);
  });
});

describe("countsWithoutTamper", () => {
  it("takes the tamper tests out of a clean run's counts", () => {
    const tamper = { ...plan, verdict: "clean" as const, findings: [], onlyTamperFailed: true };
    expect(countsWithoutTamper({ passed: 9, failed: 1, total: 10 }, tamper)).toEqual({
      passed: 8,
      failed: 0,
      total: 8,
    });
  });
});

describe("parseFailedTests", () => {
  it.each<[CheckParser, string, string[]]>([
    ["cargo", "test a::b ... FAILED\ntest c ... ok", ["a::b"]],
    [
      "unittest",
      "test_x (tests.t.C.test_x) ... FAIL\ntest_y (tests.t.C.test_y) ... ok\nERROR: test_z (tests.t.C.test_z)",
      ["tests.t.C.test_x", "tests.t.C.test_z"],
    ],
    [
      "go",
      "--- FAIL: TestX (0.00s)\n    --- FAIL: TestX/sub (0.00s)\n--- PASS: TestY (0.00s)",
      ["TestX", "TestX/sub"],
    ],
    ["node-test", "not ok 2 - sums twice\n  ---\nok 1 - adds", ["sums twice"]],
    ["node-test", "✖ sums twice (1.2ms)\n✔ adds (0.3ms)", ["sums twice"]],
    ["pytest", "tests/t.py::test_a FAILED\ntests/t.py::test_b PASSED", ["tests/t.py::test_a"]],
  ])("%s", (parser, output, names) => {
    expect(parseFailedTests(parser, output)).toEqual(names);
  });
});
