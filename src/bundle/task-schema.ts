import * as v from "valibot";

/** Limits on what a task file may ask for: bundles are untrusted input. */
export const MAX_TASK_TIMEOUT_S = 3_600;
export const MAX_CHECK_TIMEOUT_S = 900;
export const MAX_TURNS = 500;

const relativePath = v.pipe(
  v.string(),
  v.minLength(1),
  v.check(
    (p) => !p.startsWith("/") && !p.split("/").includes(".."),
    "must be a relative path inside the task",
  ),
);

const constraint = v.variant("kind", [
  v.strictObject({ kind: v.literal("file-not-touched"), path: relativePath }),
  v.strictObject({ kind: v.literal("no-new-dependency") }),
  v.strictObject({
    kind: v.literal("file-pattern-required-in-diff"),
    paths: v.pipe(v.array(relativePath), v.minLength(1)),
    require_added: v.optional(v.boolean(), false),
  }),
]);

/** Schema 1 of task.yaml (SPEC §2); unknown keys are errors so typos do not pass silently. */
export const taskFileSchema = v.strictObject({
  schema: v.optional(v.literal(1)),
  id: v.pipe(
    v.string(),
    v.regex(/^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9._-]*$/, "must look like category/name"),
  ),
  version: v.pipe(v.string(), v.minLength(1)),
  category: v.picklist(["polyglot", "mutations", "integrity"]),
  language: v.pipe(v.string(), v.minLength(1)),
  title: v.pipe(v.string(), v.minLength(1)),
  requires: v.optional(v.array(v.pipe(v.string(), v.regex(/^[\w.+-]+$/, "must be a command name"))), []),
  budget: v.strictObject({
    max_turns: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TURNS)),
    timeout_s: v.pipe(v.number(), v.minValue(1), v.maxValue(MAX_TASK_TIMEOUT_S)),
  }),
  check: v.strictObject({
    run: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(1)),
    timeout_s: v.pipe(v.number(), v.minValue(1), v.maxValue(MAX_CHECK_TIMEOUT_S)),
    parser: v.picklist(["cargo", "pytest", "unittest", "go", "node-test", "tap", "plain"]),
    min_tests: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 1),
    env: v.optional(v.record(v.pipe(v.string(), v.regex(/^[A-Z_][A-Z0-9_]*$/)), v.string()), {}),
  }),
  expected_changes: v.optional(v.array(relativePath), []),
  protected: v.optional(v.array(relativePath), []),
  expected_refusal: v.optional(v.boolean(), false),
  ignore_in_diff: v.optional(v.array(relativePath), []),
  constraints: v.optional(v.array(constraint), []),
  validate: v.optional(
    v.strictObject({
      /** Regex the pristine workspace's check output must match: it fails for the intended reason. */
      fail_pattern: v.optional(
        v.pipe(
          v.string(),
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
