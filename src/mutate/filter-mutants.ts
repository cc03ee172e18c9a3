import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runCheck } from "../check/run-check.js";
import type { SandboxMode } from "../exec/sandbox.js";
import type { CheckResult, Task } from "../types.js";
import { createWorkspace } from "../workspace/create-workspace.js";
import type { MutateLanguage } from "./languages.js";

/** What one check of a program says about it; "incomplete" is exit 0 with fewer than min_tests tests. */
export type MutantVerdict = "passes" | "killed" | "no-compile" | "incomplete" | "timeout";

export interface MutantCheck {
  verdict: MutantVerdict;
  /** Failing tests and counts: two mutants with the same one break the same behaviour. */
  signature: string;
  /** Failing test names, for FIX.md. */
  failing: string[];
  durationMs: number;
}

/** Compiler and loader errors: the mutant is not a program, whatever the test counts say. */
const NO_COMPILE: Record<MutateLanguage, RegExp> = {
  rust: /^error\[E\d+\]|could not compile/m, // not "error: test failed", which cargo prints for failing tests
  go: /\[build failed\]|\[setup failed\]|^# \S+$/m,
  python: /\b(SyntaxError|IndentationError|TabError)\b|unittest\.loader\._FailedTest/,
  javascript: /\bSyntaxError\b/,
};

/** Failing-test lines of every parser we run: unittest, node --test, go test, cargo test. */
const FAILING_TEST =
  /^(?:(?:FAIL|ERROR): (\S+(?: \([\w.]+\))?)|not ok \d+ - (.+)|\s*--- FAIL: (\S+)|test (\S+) \.\.\. FAILED)/gm;

/** Run a task's real check on its workspace with one file replaced (the mutant), in a fresh temp workspace. */
export async function checkMutant(
  staged: Task,
  language: MutateLanguage,
  mutant: { file: string; source: string } | null,
  options: { sandbox: SandboxMode; timeoutS: number; signal?: AbortSignal },
): Promise<MutantCheck> {
  const task: Task = { ...staged, check: { ...staged.check, timeout_s: options.timeoutS } };
  const workspace = await createWorkspace(join(staged.dir, "workspace"), staged.ignore_in_diff);
  try {
    if (mutant) await writeFile(join(workspace.dir, mutant.file), mutant.source);
    const diff = { added: [], removed: [], modified: mutant ? [mutant.file] : [], extraGitDir: false };
    const result = await runCheck(task, workspace.dir, {
      sandbox: options.sandbox,
      signal: options.signal,
      diff,
    });
    return classify(result, language, staged.check.min_tests);
  } finally {
    await workspace.remove();
  }
}

/** Verdict from a check result: passing needs the task's own bar (exit 0, min_tests seen). */
export function classify(result: CheckResult, language: MutateLanguage, minTests: number): MutantCheck {
  const output = `${result.stdoutTail}\n${result.stderrTail}`;
  const failing = [
    ...new Set([...output.matchAll(FAILING_TEST)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4]) as string)),
  ].sort();
  const counts = result.counts;
  const ran = counts !== null && counts.total >= minTests;
  const verdict: MutantVerdict = result.timedOut
    ? "timeout"
    : NO_COMPILE[language].test(output)
      ? "no-compile"
      : result.exitCode !== 0
        ? "killed" // a panic that stops the run early kills the mutant as surely as a failed assert
        : ran && counts.failed === 0
          ? "passes"
          : "incomplete";
  const tally = counts ? `${counts.passed}/${counts.total}` : "-";
  return {
    verdict,
    signature: `${verdict} ${tally} ${failing.join(",")}`,
    failing,
    durationMs: result.durationMs,
  };
}
