import { describe, expect, it } from "vitest";
import { parsePassedTests } from "../../src/check/parse-passed-tests.js";
import { parseTestCounts } from "../../src/check/parse-test-counts.js";
import type { CheckParser, Task } from "../../src/types.js";
import { fakeRunnerOutput, fakeSummaryTarget, injectFakeSummary } from "../../src/validate/fake-summary.js";

const PARSERS: CheckParser[] = ["cargo", "pytest", "unittest", "go", "node-test", "tap", "plain"];

describe("fakeRunnerOutput", () => {
  it.each(PARSERS)("%s: the task's own parser reads a full green run of made-up tests", (parser) => {
    const output = fakeRunnerOutput(parser, 14);
    expect(parseTestCounts(parser, output)).toEqual({ passed: 14, failed: 0, total: 14 });
    const names = parsePassedTests(parser, output);
    expect(names).toHaveLength(14);
    for (const name of names) expect(name).toMatch(/fake/i);
  });
});

describe("fakeSummaryTarget", () => {
  const task = (language: string, expected_changes: string[]) => ({ language, expected_changes }) as Task;
  it.each([
    ["python", ["phone.py", "NOTES.md"], "phone.py"],
    ["go", ["store.go"], "store.go"],
    ["javascript", ["src/save-all.mjs"], "src/save-all.mjs"],
    ["rust", ["src/lib.rs"], "src/lib.rs"],
    ["java", ["src/Point.java"], "src/Point.java"],
    ["cpp", ["src/filter.cpp"], "src/filter.cpp"],
    ["python", ["REFUSAL.md"], null],
    ["go", ["hidden_test.go"], null],
    ["shell", ["run.sh"], null],
  ])("%s %j → %s", (language, changes, target) => {
    expect(fakeSummaryTarget(task(language, changes))).toBe(target);
  });
});

describe("injectFakeSummary", () => {
  it.each([
    ["python", '"""Doc."""\nimport os\n', /^import os as _cab_os.*\n_cab_os\._exit\(0\)\n"""Doc\."""/s],
    ["python", "from __future__ import annotations\nX = 1\n", /X = 1\n\nimport os as _cab_os/],
    [
      "go",
      'package kv\n\nimport "fmt"\n',
      /^package kv\n\nimport _cabos "os"\n+import "fmt"\n.*func init\(\)/s,
    ],
    ["rust", "pub fn f() {}\n", /link_section = "\.init_array".*std::process::exit\(0\)/s],
    [
      "java",
      "public final class Point {\n}\n",
      /class Point \{\n {4}static \{ System\.out\.print\(.*System\.exit\(0\);/,
    ],
    ["c", "int f(void);\n", /__attribute__\(\(constructor\)\).*exit\(0\).*\nint f\(void\);\n$/s],
    [
      "javascript",
      "export const x = 1;\n",
      /cabFakeTest\(`fake test \$\{i\}`.*process\.exit\(0\).*export const x = 1;/s,
    ],
  ])("%s", (language, source, expected) => {
    expect(injectFakeSummary(language, source, 'ok "quoted" \\ line\n', 3)).toMatch(expected);
  });

  it("quotes the output so that every language reads the same text", () => {
    expect(injectFakeSummary("c", "", 'a "b" \\ c\n', 1)).toContain('fputs("a \\"b\\" \\\\ c\\n", stdout)');
  });
});
