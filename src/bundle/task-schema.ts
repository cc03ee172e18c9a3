import * as v from "valibot";
import { isReservedName } from "../exec/scrub-env.js";
import { OPERATOR_NAMES } from "../mutate/mutation-site.js";

/** Limits on what a task file may ask for: bundles are untrusted input. */
export const MAX_TASK_TIMEOUT_S = 3_600;
export const MAX_CHECK_TIMEOUT_S = 900;
export const MAX_TURNS = 500;
/** task.yaml itself; the catalogue's largest is under 2 KB. */
export const MAX_TASK_FILE_BYTES = 64 * 1024;
/** Entries of each path list (protected, expected_changes, ignore_in_diff, constraint paths). */
export const MAX_PATH_ENTRIES = 200;
export const MAX_CHECK_ARGS = 64;
export const MAX_CHECK_ENV = 64;
export const MAX_CONSTRAINTS = 50;
export const MAX_REQUIRES = 32;
export const MAX_MUST_PASS = 200;
/** One path, argument, variable value or pattern. */
export const MAX_STRING_LENGTH = 4_096;

const text = v.pipe(
  v.string(),
  v.maxLength(MAX_STRING_LENGTH, `must be at most ${MAX_STRING_LENGTH} characters`),
);

const relativePath = v.pipe(
  text,
  v.minLength(1),
  v.check(
    (p) => !p.startsWith("/") && !p.split("/").includes("..") && !p.includes("\0"),
    "must be a relative path inside the task",
  ),
);

/** A list of at most `max` items. */
function listOf<T extends v.GenericSchema>(item: T, max: number) {
  return v.pipe(v.array(item), v.maxLength(max, `must have at most ${max} entries`));
}

const constraint = v.variant("kind", [
  v.strictObject({ kind: v.literal("file-not-touched"), path: relativePath }),
  v.strictObject({ kind: v.literal("no-new-dependency") }),
  v.strictObject({
    kind: v.literal("file-pattern-required-in-diff"),
    paths: v.pipe(listOf(relativePath, MAX_PATH_ENTRIES), v.minLength(1)),
    require_added: v.optional(v.boolean(), false),
  }),
]);

/** Files a generator may name: a seed program is a few source files, not a tree. */
export const MAX_GENERATOR_FILES = 20;

/**
 * `generator:` makes a mutations task a seed for `cab mutate` and `cab check --fresh`: a correct program
 * (its `source` folder overlaid on workspace/) whose tests pass, and the files mutants are made from.
 */
function generatorSchema() {
  return v.strictObject({
    /** solution: solution/ overlaid on workspace/ is the correct program (the usual case); workspace: workspace/ alone. */
    source: v.optional(v.picklist(["solution", "workspace"]), "solution"),
    /** Workspace-relative files to mutate; tests and protected files are refused. */
    files: v.pipe(listOf(relativePath, MAX_GENERATOR_FILES), v.minLength(1)),
    /** Operators to use (default: all of them). */
    operators: v.optional(v.pipe(listOf(v.picklist(OPERATOR_NAMES), OPERATOR_NAMES.length), v.minLength(1))),
    /** The command a generated task's README tells the agent to run (default: the check's argv). */
    test_command: v.optional(v.pipe(text, v.minLength(1))),
  });
}

/** Schema 1 of task.yaml (SPEC §2); unknown keys are errors so typos do not pass silently. */
export const taskFileSchema = v.strictObject({
  schema: v.optional(v.literal(1)),
  id: v.pipe(
    v.string(),
    v.regex(/^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9._-]*$/, "must look like category/name"),
  ),
  version: v.pipe(text, v.minLength(1)),
  category: v.picklist(["polyglot", "mutations", "integrity"]),
  language: v.pipe(text, v.minLength(1)),
  title: v.pipe(text, v.minLength(1)),
  requires: v.optional(
    listOf(v.pipe(text, v.regex(/^[\w.+-]+$/, "must be a command name")), MAX_REQUIRES),
    [],
  ),
  budget: v.strictObject({
    max_turns: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TURNS)),
    timeout_s: v.pipe(v.number(), v.minValue(1), v.maxValue(MAX_TASK_TIMEOUT_S)),
  }),
  check: v.strictObject({
    run: v.pipe(listOf(v.pipe(text, v.minLength(1)), MAX_CHECK_ARGS), v.minLength(1)),
    timeout_s: v.pipe(v.number(), v.minValue(1), v.maxValue(MAX_CHECK_TIMEOUT_S)),
    parser: v.picklist(["cargo", "pytest", "unittest", "go", "node-test", "tap", "plain"]),
    min_tests: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 1),
    /**
     * Test names the runner's per-test output must report passed. Take them from hidden/: code under test
     * can print a fake summary ("Ran 12 tests … OK") and exit 0, but it cannot name tests it never saw.
     */
    must_pass: v.optional(listOf(v.pipe(text, v.minLength(1)), MAX_MUST_PASS), []),
    env: v.optional(
      v.pipe(
        v.record(
          v.pipe(
            v.string(),
            v.regex(/^[A-Z_][A-Z0-9_]*$/),
            v.check((name) => !isReservedName(name), "is set by the harness (the sandbox is built from it)"),
          ),
          text,
        ),
        v.check(
          (env) => Object.keys(env).length <= MAX_CHECK_ENV,
          `must have at most ${MAX_CHECK_ENV} entries`,
        ),
      ),
      {},
    ),
  }),
  expected_changes: v.optional(listOf(relativePath, MAX_PATH_ENTRIES), []),
  protected: v.optional(listOf(relativePath, MAX_PATH_ENTRIES), []),
  expected_refusal: v.optional(v.boolean(), false),
  ignore_in_diff: v.optional(listOf(relativePath, MAX_PATH_ENTRIES), []),
  constraints: v.optional(listOf(constraint, MAX_CONSTRAINTS), []),
  generator: v.optional(generatorSchema()),
  validate: v.optional(
    v.strictObject({
      /** Regex the pristine workspace's check output must match: it fails for the intended reason. */
      fail_pattern: v.optional(
        v.pipe(
          v.string(),
          v.maxLength(1_000, "must be at most 1000 characters"),
          v.check((p) => isRegExp(p), "must be a valid regular expression"),
        ),
      ),
    }),
    {},
  ),
});

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export type TaskFile = v.InferOutput<typeof taskFileSchema>;

/** Validate parsed YAML; on failure, a list of "field: problem" lines. */
export function validateTaskFile(
  input: unknown,
): { ok: true; task: TaskFile } | { ok: false; problems: string[] } {
  const result = v.safeParse(taskFileSchema, input);
  if (result.success) return { ok: true, task: result.output };
  const problems = result.issues.map((issue) => {
    const path = v.getDotPath(issue) ?? "(top level)";
    // valibot reports an unknown key of a strict object as "Expected never": say what it means.
    return issue.expected === "never" ? `${path}: unknown field (a typo?)` : `${path}: ${issue.message}`;
  });
  return { ok: false, problems };
}
