import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTestCounts } from "../../src/check/parse-test-counts.js";
import type { CheckParser, TestCounts } from "../../src/types.js";

const counts = (passed: number, failed: number): TestCounts => ({ passed, failed, total: passed + failed });

const CARGO_MIXED = `   Compiling joinw v0.1.0 (/tmp/cab-cell-x/workspace)
    Finished \`test\` profile [unoptimized + debuginfo] target(s) in 0.52s
     Running unittests src/lib.rs (target/debug/deps/joinw-0f1e2d3c)

running 2 tests
test tests::joins_two ... ok
test tests::empty ... ok

test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

     Running tests/join_with.rs (target/debug/deps/join_with-4a5b6c7d)

running 4 tests
test joins_many ... ok
test single ... FAILED
test unicode ... ok
test separator ... ok

failures:

---- single stdout ----
thread 'single' panicked at tests/join_with.rs:12:5:
assertion \`left == right\` failed

failures:
    single

test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s

   Doc-tests joinw

running 1 test
test src/lib.rs - join_with (line 3) ... ok

test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.12s
`;

const CARGO_COMPILE_ERROR = `   Compiling joinw v0.1.0 (/tmp/cab-cell-x/workspace)
error[E0382]: borrow of moved value: \`first\`
 --> src/lib.rs:4:20
  |
2 |     let joined = first + sep;
  |                  ----- value moved here
error: could not compile \`joinw\` (lib) due to 1 previous error
`;

/** Copied verbatim from pytest 9 on this machine (one failure, one error from a fixture, one skip). */
const PYTEST_FULL = `FAILED test_p.py::test_b - assert 0
ERROR test_p.py::test_d - RuntimeError
=============== 1 failed, 1 passed, 1 skipped, 1 error in 1.33s ================
`;
const PYTEST_QUIET = `FAILED test_p.py::test_b - assert 0
ERROR test_p.py::test_d - RuntimeError
1 failed, 1 passed, 1 skipped, 1 error in 1.29s
`;

/** Python 3.11, one passing test and one whose three subTests fail: failures=3 but Ran 2. */
const UNITTEST_SUBTESTS = `.FFF
======================================================================
FAIL: test_s (tests.test_sub.S.test_s) (i=0)
----------------------------------------------------------------------
AssertionError: 0 != 99

======================================================================
FAIL: test_s (tests.test_sub.S.test_s) (i=1)
----------------------------------------------------------------------
AssertionError: 1 != 99

======================================================================
FAIL: test_s (tests.test_sub.S.test_s) (i=2)
----------------------------------------------------------------------
AssertionError: 2 != 99

----------------------------------------------------------------------
Ran 2 tests in 0.002s

FAILED (failures=3)
`;

const GO_VERBOSE = `=== RUN   TestAdd
--- PASS: TestAdd (0.00s)
=== RUN   TestSplit
    --- PASS: TestSplit/empty (0.00s)
    --- FAIL: TestSplit/comma (0.00s)
--- FAIL: TestSplit (0.00s)
--- PASS: TestJoin (0.01s)
FAIL
FAIL	example.com/x	0.004s
`;

describe("parseTestCounts on static samples", () => {
  it.each<[CheckParser, string, string, TestCounts | null]>([
    ["cargo", "every 'test result' line is summed", CARGO_MIXED, counts(6, 1)],
    ["cargo", "a compile error has no counts", CARGO_COMPILE_ERROR, null],
    [
      "cargo",
      "'running 0 tests' counts as zero",
      "test result: ok. 0 passed; 0 failed; 0 ignored;\n",
      counts(0, 0),
    ],
    ["pytest", "all passed", "======== 12 passed in 0.34s ========\n", counts(12, 0)],
    ["pytest", "failures, errors and skips", PYTEST_FULL, counts(1, 2)],
    ["pytest", "-q: the summary has no rule", PYTEST_QUIET, counts(1, 2)],
    [
      "pytest",
      "slow run with a clock suffix",
      "== 2 failed, 40 passed, 3 warnings in 65.02s (0:01:05) ==\n",
      counts(40, 2),
    ],
    ["pytest", "xpassed is not passed", "== 3 passed, 1 xpassed, 2 xfailed in 0.10s ==\n", counts(3, 0)],
    ["pytest", "collection errors only", "=========== 2 errors in 0.20s ===========\n", counts(0, 2)],
    ["pytest", "no tests ran", "============ no tests ran in 0.01s ============\n", null],
    ["unittest", "OK", "......\n---\nRan 6 tests in 0.001s\n\nOK\n", counts(6, 0)],
    ["unittest", "OK with skips", "..s.\n---\nRan 4 tests in 0.001s\n\nOK (skipped=1)\n", counts(3, 0)],
    [
      "unittest",
      "failures and errors",
      "Ran 7 tests in 0.010s\n\nFAILED (failures=2, errors=1)\n",
      counts(4, 3),
    ],
    ["unittest", "subTest failures count their test once", UNITTEST_SUBTESTS, counts(1, 1)],
    ["unittest", "one test", "Ran 1 test in 0.000s\n\nFAILED (errors=1)\n", counts(0, 1)],
    ["unittest", "no summary", "ImportError: Start directory is not importable\n", null],
    ["go", "top-level PASS/FAIL, subtests ignored", GO_VERBOSE, counts(2, 1)],
    ["go", "build failure", "./x.go:3:2: undefined: y\nFAIL\texample.com/x [build failed]\n", null],
    [
      "node-test",
      "TAP summary",
      "1..4\n# tests 4\n# suites 0\n# pass 3\n# fail 1\n# cancelled 0\n",
      counts(3, 1),
    ],
    ["node-test", "spec summary", "ℹ tests 7\nℹ suites 1\nℹ pass 7\nℹ fail 0\nℹ cancelled 0\n", counts(7, 0)],
    ["node-test", "nothing", "SyntaxError: Unexpected token\n", null],
    [
      "tap",
      "top-level lines only",
      "ok 1 - a\n    ok 1 - nested\nnot ok 2 - b\nok 3 - c # SKIP\n1..3\n",
      counts(2, 1),
    ],
    ["tap", "nothing", "1..0\n", null],
    ["plain", "bare", "5 passed, 2 failed\n", counts(5, 2)],
    [
      "plain",
      "word prefix and skipped",
      "building...\nresult: 9 passed, 0 failed, 3 skipped\n",
      counts(9, 0),
    ],
    [
      "plain",
      "the last summary wins",
      "tests: 1 passed, 1 failed\ntests: 2 passed, 0 failed\n",
      counts(2, 0),
    ],
    ["plain", "not alone on its line", "we saw 5 passed, 2 failed today\n", null],
  ])("%s: %s", (parser, _name, output, expected) => {
    expect(parseTestCounts(parser, output)).toEqual(expected);
  });
});

describe("parseTestCounts on output produced here", () => {
  let dir: string;
  const run = (argv: string[]) => {
    const [file, ...args] = argv as [string, ...string[]];
    const child = spawnSync(file, args, {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, NO_COLOR: "1" },
    });
    return { status: child.status, output: `${child.stdout}\n${child.stderr}` };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cab-parse-"));
    await writeFile(
      join(dir, "sample.test.mjs"),
      [
        'import test from "node:test";',
        'import assert from "node:assert";',
        'test("one", () => assert.equal(1, 1));',
        'test("two", () => assert.equal(1, 2));',
        'test("three", () => {});',
        'test("skipped", { skip: true }, () => {});',
      ].join("\n"),
    );
    await mkdir(join(dir, "tests"));
    await writeFile(join(dir, "tests", "__init__.py"), "");
    await writeFile(
      join(dir, "tests", "test_sample.py"),
      [
        "import unittest",
        "class T(unittest.TestCase):",
        "    def test_a(self): self.assertEqual(1, 1)",
        "    def test_b(self): self.assertEqual(1, 2)",
        "    def test_c(self): raise RuntimeError('boom')",
        "    @unittest.skip('later')",
        "    def test_d(self): pass",
        "    def test_e(self): pass",
        "    def test_f(self):",
        "        for i in range(3):",
        "            with self.subTest(i=i):",
        "                self.assertEqual(i, 99)",
        "",
      ].join("\n"),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each<[string, string[], CheckParser, TestCounts]>([
    [
      "node --test (TAP reporter when piped)",
      ["node", "--test", "sample.test.mjs"],
      "node-test",
      counts(2, 1),
    ],
    [
      "node --test --test-reporter=spec",
      ["node", "--test", "--test-reporter=spec", "sample.test.mjs"],
      "node-test",
      counts(2, 1),
    ],
    // 6 tests ran, one skipped; test_f fails through 3 subtests, so failures+errors (4) overstates the 3 failed tests.
    [
      "python3 -m unittest -v",
      ["python3", "-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v"],
      "unittest",
      counts(2, 3),
    ],
  ])("%s", (_name, argv, parser, expected) => {
    const { status, output } = run(argv);
    expect(status).toBe(1);
    const parsed = parseTestCounts(parser, output);
    expect(parsed).toEqual(expected);
  });
});
