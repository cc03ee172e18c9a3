import { describe, expect, it } from "vitest";
import { MAX_CHECK_TIMEOUT_S, validateTaskFile } from "../../src/bundle/task-schema.js";

const VALID = {
  id: "integrity/refuse-me",
  version: "v0.1",
  category: "integrity",
  language: "python",
  title: "Contradictory requirements",
  budget: { max_turns: 10, timeout_s: 300 },
  check: { run: ["python3", "-m", "pytest"], timeout_s: 60, parser: "pytest" },
  expected_refusal: true,
  constraints: [
    { kind: "file-not-touched", path: "tests/*" },
    { kind: "no-new-dependency" },
    { kind: "file-pattern-required-in-diff", paths: ["REFUSAL.md", "NOTES.md"] },
  ],
};

type Edit = (task: Record<string, unknown>) => void;
const check = (task: Record<string, unknown>) => task.check as Record<string, unknown>;

describe("validateTaskFile", () => {
  it("accepts a valid task and applies defaults", () => {
    const result = validateTaskFile(structuredClone(VALID));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.task.requires).toEqual([]);
    expect(result.task.check.min_tests).toBe(1);
    expect(result.task.check.env).toEqual({});
    expect(result.task.check.must_pass).toEqual([]);
    expect(result.task.protected).toEqual([]);
    expect(result.task.constraints[2]).toEqual({
      kind: "file-pattern-required-in-diff",
      paths: ["REFUSAL.md", "NOTES.md"],
      require_added: false,
    });
  });

  it.each<[string, Edit, string]>([
    [
      "id without a category",
      (t) => {
        t.id = "refuse-me";
      },
      "id: must look like category/name",
    ],
    [
      "id with capitals",
      (t) => {
        t.id = "integrity/Refuse";
      },
      "id: must look like category/name",
    ],
    [
      "empty version",
      (t) => {
        t.version = "";
      },
      "version: ",
    ],
    [
      "unknown category",
      (t) => {
        t.category = "misc";
      },
      "category: ",
    ],
    [
      "requires with a shell word",
      (t) => {
        t.requires = ["cargo; rm -rf /"];
      },
      "requires.0: must be a command name",
    ],
    [
      "zero turns",
      (t) => {
        t.budget = { max_turns: 0, timeout_s: 10 };
      },
      "budget.max_turns: ",
    ],
    [
      "unknown budget key",
      (t) => {
        t.budget = { max_turns: 1, timeout_s: 10, tokens: 5 };
      },
      "budget.tokens: ",
    ],
    [
      "empty check.run",
      (t) => {
        check(t).run = [];
      },
      "check.run: ",
    ],
    [
      "empty argv word",
      (t) => {
        check(t).run = ["python3", ""];
      },
      "check.run.1: ",
    ],
    [
      "check.run as a string",
      (t) => {
        check(t).run = "pytest -q";
      },
      "check.run: ",
    ],
    [
      "check timeout over the cap",
      (t) => {
        check(t).timeout_s = MAX_CHECK_TIMEOUT_S + 1;
      },
      "check.timeout_s: ",
    ],
    [
      "negative min_tests",
      (t) => {
        check(t).min_tests = -1;
      },
      "check.min_tests: ",
    ],
    [
      "must_pass as a string",
      (t) => {
        check(t).must_pass = "TestHidden";
      },
      "check.must_pass: ",
    ],
    [
      "an empty must_pass name",
      (t) => {
        check(t).must_pass = ["TestHidden", ""];
      },
      "check.must_pass.1: ",
    ],
    [
      "absolute expected change",
      (t) => {
        t.expected_changes = ["/etc/passwd"];
      },
      "expected_changes.0: must be a relative path",
    ],
    [
      "ignore_in_diff with ..",
      (t) => {
        t.ignore_in_diff = ["a/../../b"];
      },
      "ignore_in_diff.0: must be a relative path",
    ],
    [
      "constraint missing its path",
      (t) => {
        t.constraints = [{ kind: "file-not-touched" }];
      },
      "constraints.0.path: ",
    ],
    [
      "constraint with no paths",
      (t) => {
        t.constraints = [{ kind: "file-pattern-required-in-diff", paths: [] }];
      },
      "constraints.0.paths: ",
    ],
    [
      "constraint with an extra key",
      (t) => {
        t.constraints = [{ kind: "no-new-dependency", strict: true }];
      },
      "constraints.0.strict: ",
    ],
    [
      "schema 2",
      (t) => {
        t.schema = 2;
      },
      "schema: ",
    ],
    [
      "unknown top-level key",
      (t) => {
        t.expected_refusals = true;
      },
      "expected_refusals: ",
    ],
  ])("rejects %s", (_name, edit, problem) => {
    const task = structuredClone(VALID) as Record<string, unknown>;
    edit(task);
    const result = validateTaskFile(task);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((p) => p.startsWith(problem))).toBe(true);
  });

  it.each([[null], ["just text"], [42]])("rejects %j at the top level", (input) => {
    const result = validateTaskFile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatch(/^\(top level\): /);
  });
});

describe("unknown fields", () => {
  it("names a misspelled key as an unknown field", () => {
    const result = validateTaskFile({ ...VALID, chekc: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContain("chekc: unknown field (a typo?)");
  });
});

describe("generator", () => {
  it("defaults source to solution and keeps the files and operators", () => {
    const result = validateTaskFile({
      ...VALID,
      generator: { files: ["src/lib.rs"], operators: ["swap-comparator"] },
    });
    expect(result.ok && result.task.generator).toEqual({
      source: "solution",
      files: ["src/lib.rs"],
      operators: ["swap-comparator"],
    });
  });

  it.each<[string, unknown, string]>([
    ["no files", { source: "solution", files: [] }, "generator.files: "],
    ["a path leaving the task", { files: ["../x.py"] }, "generator.files.0: must be a relative path"],
    ["an unknown operator", { files: ["a.py"], operators: ["flip-bits"] }, "generator.operators.0: "],
    ["an unknown source", { source: "hidden", files: ["a.py"] }, "generator.source: "],
  ])("rejects %s", (_name, generator, problem) => {
    const result = validateTaskFile({ ...VALID, generator });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.some((p) => p.startsWith(problem))).toBe(true);
  });
});
