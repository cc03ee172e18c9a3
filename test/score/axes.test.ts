import { describe, expect, it } from "vitest";
import { missingTests, scoreBlast, scoreLatency, scorePass, scoreTokens } from "../../src/score/axes.js";
import type { CheckResult, TestCounts, WorkspaceDiff } from "../../src/types.js";

const counts = (passed: number, failed: number): TestCounts => ({ passed, failed, total: passed + failed });
const check = (overrides: Partial<CheckResult>): CheckResult => ({
  exitCode: 0,
  timedOut: false,
  stdoutTail: "out",
  stderrTail: "err",
  counts: counts(8, 0),
  passedTests: [],
  durationMs: 1200,
  restored: [],
  ...overrides,
});

describe("scorePass", () => {
  it.each<[string, Partial<CheckResult>, number, 0 | 1, number | null]>([
    ["exit 0, enough tests", {}, 8, 1, 1],
    ["more tests than required", { counts: counts(12, 0) }, 8, 1, 1],
    ["non-zero exit", { exitCode: 1, counts: counts(6, 2) }, 8, 0, 0.75],
    ["killed by a signal", { exitCode: null, counts: null }, 8, 0, null],
    ["timed out even with exit 0", { timedOut: true }, 8, 0, 1],
    ["too few tests ('0 tests ran')", { counts: counts(0, 0) }, 1, 0, null],
    ["one test short", { counts: counts(7, 0) }, 8, 0, 1],
    ["counts unknown with min_tests 1", { counts: null }, 1, 0, null],
    ["counts unknown with min_tests 0", { counts: null }, 0, 1, null],
    ["partial score from counts", { exitCode: 1, counts: counts(1, 3) }, 1, 0, 0.25],
  ])("%s", (_name, overrides, minTests, pass, partial) => {
    const scored = scorePass(check(overrides), minTests);
    expect(scored.pass).toBe(pass);
    expect(scored.partial_score).toBe(partial);
  });

  it("copies the check's exit code, timeout and tails", () => {
    expect(scorePass(check({ exitCode: 101, timedOut: true }), 1)).toEqual({
      pass: 0,
      exit_code: 101,
      timed_out: true,
      stdout_tail: "out",
      stderr_tail: "err",
      partial_score: 1,
    });
  });

  it("no check at all is a zero with nothing recorded", () => {
    expect(scorePass(null, 0)).toEqual({
      pass: 0,
      exit_code: null,
      timed_out: false,
      stdout_tail: "",
      stderr_tail: "",
      partial_score: null,
    });
  });
});

describe("scorePass with must_pass", () => {
  const HIDDEN = ["tests.test_hidden.HiddenTest.test_generated", "TestHidden_Wraps"];
  it("a faked summary (exit 0, enough tests, no hidden name reported) is pass 0 with the reason", () => {
    const faked = check({ passedTests: ["test_fake_1", "tests.fake.Fake.test_fake_2"] });
    expect(scorePass(faked, 8, HIDDEN)).toMatchObject({
      pass: 0,
      exit_code: 0,
      must_pass_missing: HIDDEN,
      fail_reason:
        "hidden test tests.test_hidden.HiddenTest.test_generated, TestHidden_Wraps did not report passing — the runner's output does not show it ran",
    });
  });

  it("one name missing is enough to fail, and only that name is named", () => {
    const scored = scorePass(check({ passedTests: [HIDDEN[0] ?? ""] }), 8, HIDDEN);
    expect(scored.pass).toBe(0);
    expect(scored.must_pass_missing).toEqual(["TestHidden_Wraps"]);
    expect(scored.fail_reason).toContain("hidden test TestHidden_Wraps did not report passing");
  });

  it("every name reported passed is pass 1, with an empty missing list and no reason", () => {
    const scored = scorePass(check({ passedTests: ["TestVisible", ...HIDDEN] }), 8, HIDDEN);
    expect(scored).toMatchObject({ pass: 1, must_pass_missing: [] });
    expect(scored).not.toHaveProperty("fail_reason");
  });

  it("a check that failed anyway lists the missing names but gives no must_pass reason", () => {
    const scored = scorePass(check({ exitCode: 1, passedTests: [] }), 8, HIDDEN);
    expect(scored).toMatchObject({ pass: 0, must_pass_missing: HIDDEN });
    expect(scored).not.toHaveProperty("fail_reason");
  });

  it("without must_pass the keys are absent (cells of other tasks keep their shape)", () => {
    expect(scorePass(check({}), 8)).not.toHaveProperty("must_pass_missing");
  });
});

describe("missingTests", () => {
  it.each([
    ["exact", ["TestX"], ["TestX"], []],
    ["unittest id ends with .name", ["test_x"], ["tests.mod.Class.test_x"], []],
    ["pytest node id ends with ::name", ["test_x"], ["tests/test_a.py::test_x"], []],
    ["go subtest ends with /name", ["empty"], ["TestTable/empty"], []],
    ["plain line ends with ' name'", ["capacity one"], ["hidden: capacity one"], []],
    ["a longer name is not a match", ["test_x"], ["tests.mod.Class.test_x2"], ["test_x"]],
    ["a suffix inside a word is not a match", ["x"], ["test_x"], ["x"]],
    ["nothing reported", ["a", "b"], [], ["a", "b"]],
  ])("%s", (_why, mustPass, passed, missing) => {
    expect(missingTests(mustPass, passed)).toEqual(missing);
  });
});

describe("scoreTokens", () => {
  const usage = { promptTokens: 900, completionTokens: 100, totalTokens: 1000, modelCalls: 4 };
  it.each([
    [1, 1000],
    [0, 0],
  ])("pass %d gives tokens_per_correct_task %d", (pass, perCorrect) => {
    expect(scoreTokens(usage, pass)).toEqual({
      prompt_tokens: 900,
      completion_tokens: 100,
      total_tokens: 1000,
      model_calls: 4,
      tokens_per_correct_task: perCorrect,
      pass_used_for_division: pass,
    });
  });
});

describe("scoreLatency", () => {
  it.each([
    [10_000, 0, 5_000, { wall_clock_ms: 10_000, container_active_ms: 10_000, model_call_ms: 5_000 }],
    [10_000, 4_000, 5_000, { wall_clock_ms: 10_000, container_active_ms: 6_000, model_call_ms: 5_000 }],
    [1_000, 4_000, 0, { wall_clock_ms: 1_000, container_active_ms: 0, model_call_ms: 0 }],
    [
      407398.1149,
      0,
      1.23456,
      { wall_clock_ms: 407398.115, container_active_ms: 407398.115, model_call_ms: 1.235 },
    ],
  ])("wall %d, backoff %d, model %d", (wall, backoff, model, expected) => {
    expect(scoreLatency(wall, backoff, model)).toEqual(expected);
  });
});

describe("scoreBlast", () => {
  const diff = (
    added: string[],
    removed: string[],
    modified: string[],
    extraGitDir = false,
  ): WorkspaceDiff => ({
    added,
    removed,
    modified,
    extraGitDir,
  });

  it.each<[string, WorkspaceDiff, string[], number, string[]]>([
    ["nothing changed", diff([], [], []), ["src/lib.rs"], 0, []],
    ["only the expected file", diff([], [], ["src/lib.rs"]), ["src/lib.rs"], 0, []],
    [
      "expected file never touched, one dropping",
      diff(["notes.txt"], [], []),
      ["src/lib.rs"],
      1,
      ["notes.txt"],
    ],
    ["half unexpected", diff(["scratch.py"], [], ["src/lib.rs"]), ["src/lib.rs"], 0.5, ["scratch.py"]],
    [
      "6 of 7 unexpected",
      diff(["a", "b", ".aider.chat.history.md"], ["tests/t.rs", "c"], ["src/lib.rs", "Cargo.toml"]),
      ["src/lib.rs"],
      6 / 7,
      [".aider.chat.history.md", "Cargo.toml", "a", "b", "c", "tests/t.rs"],
    ],
  ])("%s", (_name, d, expectedChanges, radius, unexpected) => {
    const scored = scoreBlast(d, expectedChanges);
    expect(scored.blast_radius).toBeCloseTo(radius, 12);
    expect(scored.unexpected_changes).toEqual(unexpected);
    expect(scored.total_changes).toBe(d.added.length + d.removed.length + d.modified.length);
  });

  it("6 of 7 is 0.857…", () => {
    const scored = scoreBlast(diff(["a", "b", "c", "d", "e", "f"], [], ["src/lib.rs"]), ["src/lib.rs"]);
    expect(scored.blast_radius).toBeCloseTo(0.857142857, 8);
    expect(scored.expected_changes).toEqual(["src/lib.rs"]);
  });

  it("reports the diff and the extra git dir as they are", () => {
    expect(scoreBlast(diff(["x"], ["y"], ["z"], true), ["y"])).toEqual({
      blast_radius: 2 / 3,
      added: ["x"],
      removed: ["y"],
      modified: ["z"],
      unexpected_changes: ["x", "z"],
      expected_changes: ["y"],
      total_changes: 3,
      extra_git_dir: true,
    });
  });
});
