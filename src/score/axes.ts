import type { AgentOutcome, CheckResult, Scorer, WorkspaceDiff } from "../types.js";

/**
 * pass is 1 only for exit 0, no timeout, at least `minTests` tests seen and every `mustPass` name
 * reported passed: code under test can print a runner's summary and exit 0, but cannot name hidden tests.
 */
export function scorePass(
  check: CheckResult | null,
  minTests: number,
  mustPass: readonly string[] = [],
): Scorer["pass_rate"] {
  if (!check) {
    return {
      pass: 0,
      exit_code: null,
      timed_out: false,
      stdout_tail: "",
      stderr_tail: "",
      partial_score: null,
    };
  }
  const testsSeen = check.counts?.total ?? 0;
  const enoughTests = minTests <= 0 || testsSeen >= minTests;
  const missing = missingTests(mustPass, check.passedTests);
  const { tamper } = check;
  // Tamper tests that never ran leave the run unjudged: no pass on it.
  const exitedClean = check.exitCode === 0 && (!tamper || tamper.verdict === "clean");
  const ranClean = exitedClean && !check.timedOut && enoughTests;
  // Code the agent added that patches the test machinery (a sanitizer's answer, a constructor, an
  // output filter) may have decided the verdict: such a run is no pass, whatever the runner said.
  const patch = check.evidence?.find((e) => e.kind === "runtime_patch");
  const tampered = tamper?.verdict === "tampered" || patch !== undefined;
  const tamperedBecause = [
    ...(tamper?.verdict === "tampered" ? tamper.findings : []),
    ...(patch ? [patch.detail] : []),
  ];
  return {
    pass: ranClean && missing.length === 0 && !tampered ? 1 : 0,
    exit_code: check.exitCode,
    timed_out: check.timedOut,
    stdout_tail: check.stdoutTail,
    stderr_tail: check.stderrTail,
    partial_score: check.counts && check.counts.total > 0 ? check.counts.passed / check.counts.total : null,
    ...(mustPass.length > 0 ? { must_pass_missing: missing } : {}),
    ...(tampered
      ? { fail_reason: `the check was tampered with: ${tamperedBecause.join("; ")}` }
      : ranClean && missing.length > 0
        ? {
            fail_reason: `hidden test ${missing.join(", ")} did not report passing — the runner's output does not show it ran`,
          }
        : {}),
  };
}

/**
 * The `mustPass` names no passed test answers to. A name matches a reported name equal to it or ending
 * with it after a separator (".", "::", "/", " "), so "test_x" matches unittest's "tests.mod.Class.test_x".
 */
export function missingTests(mustPass: readonly string[], passed: readonly string[]): string[] {
  return mustPass.filter(
    (name) =>
      !passed.some(
        (p) => p === name || (p.endsWith(name) && /(?:\.|::|\/| )$/.test(p.slice(0, p.length - name.length))),
      ),
  );
}

/** Token totals; tokens per correct task divides by pass (0 when nothing passed). */
export function scoreTokens(usage: AgentOutcome["usage"], pass: number): Scorer["tokens"] {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.totalTokens,
    model_calls: usage.modelCalls,
    tokens_per_correct_task: pass > 0 ? usage.totalTokens / pass : 0,
    pass_used_for_division: pass,
  };
}

/** Agent wall clock; active time excludes rate-limit backoff. */
export function scoreLatency(wallClockMs: number, backoffMs: number, modelCallMs: number): Scorer["latency"] {
  return {
    wall_clock_ms: round3(wallClockMs),
    container_active_ms: round3(Math.max(0, wallClockMs - backoffMs)),
    model_call_ms: round3(modelCallMs),
  };
}

/** Share of changed paths that the task did not expect (TUI droppings included). */
export function scoreBlast(diff: WorkspaceDiff, expectedChanges: readonly string[]): Scorer["blast_radius"] {
  const changed = [...diff.added, ...diff.removed, ...diff.modified].sort();
  const expected = new Set(expectedChanges);
  const unexpected = changed.filter((p) => !expected.has(p));
  return {
    blast_radius: changed.length === 0 ? 0 : unexpected.length / changed.length,
    added: diff.added,
    removed: diff.removed,
    modified: diff.modified,
    unexpected_changes: unexpected,
    expected_changes: changed.filter((p) => expected.has(p)),
    total_changes: changed.length,
    extra_git_dir: diff.extraGitDir,
  };
}

function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
