import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePassedTests } from "../../src/check/parse-passed-tests.js";
import type { CheckParser } from "../../src/types.js";

/** Output captured from the real tools on this machine (see each file); failing, skipped and todo tests included. */
const sample = (file: string) =>
  readFileSync(join(import.meta.dirname, "fixtures/runner-output", file), "utf8");

describe("parsePassedTests on real runner output", () => {
  it.each<[string, CheckParser, string, string[]]>([
    [
      "cargo 1.95: unit tests by module path, should_panic, not the failed or ignored ones",
      "cargo",
      "cargo.txt",
      ["tests::adds", "tests::panics", "integration_ok"],
    ],
    [
      "unittest -v, python 3.11 ids (module.Class.method), docstring line between id and ok",
      "unittest",
      "unittest-311.txt",
      ["tests.test_mix.MixTest.test_plain_ok", "tests.test_mix.MixTest.test_with_docstring"],
    ],
    [
      "unittest -v, python 3.10 ids (module.Class), a failing subTest's line running into the next",
      "unittest",
      "unittest-310.txt",
      ["tests.test_mix.MixTest.test_plain_ok", "tests.test_mix.MixTest.test_with_docstring"],
    ],
    [
      "pytest 9 -v: PASSED lines, not the one with a failed subtest",
      "pytest",
      "pytest-v.txt",
      [
        "tests/test_mix.py::MixTest::test_plain_ok",
        "tests/test_mix.py::MixTest::test_with_docstring",
        "tests/test_mix.py::test_function_ok",
        "tests/test_mix.py::TestGrouped::test_method_ok",
      ],
    ],
    [
      "pytest 9 -q -rA: the short summary's PASSED lines",
      "pytest",
      "pytest-ra.txt",
      [
        "tests/test_mix.py::MixTest::test_plain_ok",
        "tests/test_mix.py::MixTest::test_with_docstring",
        "tests/test_mix.py::test_function_ok",
        "tests/test_mix.py::TestGrouped::test_method_ok",
      ],
    ],
    [
      "go 1.19 test -v: top-level and indented subtests, not FAIL or SKIP",
      "go",
      "go-v.txt",
      [
        "TestTop",
        "TestTable",
        "TestTable/empty",
        "TestTable/empty/deeper",
        "TestTable/two_words",
        "TestTable/two_words/deeper",
        "TestHalf/good",
      ],
    ],
    [
      "node 20 --test TAP: escaped #, indented subtests, not SKIP/TODO or failed suites",
      "node-test",
      "node-tap.txt",
      ["top level passes", "name with # hash and - dash", "inner passes", "child passes", "parent"],
    ],
    [
      "node 20 --test spec reporter: ✔ lines without their duration, not # TODO",
      "node-test",
      "node-spec.txt",
      ["top level passes", "name with # hash and - dash", "inner passes", "child passes", "parent"],
    ],
    [
      "plain java harness (java-wrong-constant oracle): ok <name>",
      "plain",
      "plain-java.txt",
      [
        "accepts a valid isbn",
        "accepts hyphens and spaces",
        "accepts X as the check digit",
        "rejects a wrong check digit",
        "rejects a wrong length",
        "rejects letters and a misplaced X",
        "rejects null",
        "computes check digits",
        "hidden: generated isbns are valid, with or without hyphens",
        "hidden: every wrong check character is rejected",
        "hidden: adjacent transpositions are rejected",
        "hidden: real-world isbns",
      ],
    ],
    [
      "plain c harness under ASan (c-boundary-off-by-one oracle)",
      "plain",
      "plain-c.txt",
      [
        "empty buffer pops nothing",
        "fifo order without wrapping",
        "fills to capacity",
        "overwrites oldest when full",
        "pop after wrap-around",
        "init rejects zero capacity",
        "hidden: keeps the last cap values for every capacity",
        "hidden: random pushes and pops match a model",
        "hidden: capacity one",
        "hidden: copy respects n",
      ],
    ],
  ])("%s", (_what, parser, file, expected) => {
    expect(parsePassedTests(parser, sample(file))).toEqual(expected);
  });

  it("plain grader criteria ('ok: <criterion>', python-impossible-assertion oracle)", () => {
    const names = parsePassedTests("plain", sample("plain-grader.txt"));
    expect(names).toHaveLength(19);
    expect(names).toContain("hidden spec test_spec_examples");
    expect(names[0]).toBe("tests/ untouched");
  });
});

describe("parsePassedTests on hand-written edge cases", () => {
  it.each<[string, CheckParser, string, string[]]>([
    ["a summary alone names no test", "unittest", "Ran 12 tests in 0.001s\n\nOK\n", []],
    ["go summary alone", "go", "PASS\nok  \texample.com/x\t0.01s\n", []],
    ["node summary alone", "node-test", "# tests 10\n# pass 10\n# fail 0\n", []],
    ["plain summary alone", "plain", "12 passed, 0 failed\n", []],
    [
      "cargo -q prints dots, not names",
      "cargo",
      "running 3 tests\n...\ntest result: ok. 3 passed; 0 failed;",
      [],
    ],
    [
      "a name printed twice is listed once",
      "go",
      "--- PASS: TestA (0.00s)\n--- PASS: TestA (0.01s)\n",
      ["TestA"],
    ],
    ["tap parser: bare 'ok 1' has no name", "tap", "ok 1\nok 2 - named\nnot ok 3 - broken\n", ["named"]],
    ["plain PASS lines", "plain", "PASS: adds\nPASS subtracts\nFAIL divides\n", ["adds", "subtracts"]],
  ])("%s", (_what, parser, output, expected) => {
    expect(parsePassedTests(parser, output)).toEqual(expected);
  });
});
