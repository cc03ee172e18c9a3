import { join } from "node:path";
import { tailBytes } from "../exec/capture.js";
import { runCellCommand } from "../exec/run-cell-command.js";
import type { SandboxMode } from "../exec/sandbox.js";
import { buildCommandEnv } from "../exec/scrub-env.js";
import type { CheckResult, Task } from "../types.js";
import type { Workspace } from "../workspace/create-workspace.js";
import { unlockTree } from "../workspace/remove-dir.js";
import { copyHidden, restoreProtected } from "../workspace/restore-protected.js";
import { parsePassedTests } from "./parse-passed-tests.js";
import { parseTestCounts } from "./parse-test-counts.js";

/** Bytes of stdout and stderr kept in the result (SPEC §3: last 4 KiB each). */
export const CHECK_TAIL_BYTES = 4 * 1024;

export interface RunCheckOptions {
  /** The check's command comes from the bundle (untrusted): it runs in the same sandbox as the agent's. */
  sandbox: SandboxMode;
  signal?: AbortSignal;
}

/** Restore protected files, add hidden tests, run the task's own check and read its test counts. */
export async function runCheck(
  task: Task,
  workspace: Workspace,
  { sandbox, signal }: RunCheckOptions,
): Promise<CheckResult> {
  const prepared = await prepareCheck(task, workspace.dir);
  if ("error" in prepared) return unpreparedCheck(prepared.error);
  const { restored } = prepared;
  const result = await runCellCommand({
    argv: task.check.run,
    cwd: workspace.dir,
    env: buildCommandEnv({ home: workspace.home, tmpdir: workspace.tmp, sandbox, extra: task.check.env }),
    timeoutMs: task.check.timeout_s * 1000,
    maxOutputBytes: 256 * 1024,
    signal,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  const stderr = result.spawnError ? `cannot run ${task.check.run[0]}: ${result.spawnError}` : result.stderr;
  return {
    exitCode: result.exitCode,
    timedOut: result.timedOut,
    stdoutTail: tailBytes(result.stdout, CHECK_TAIL_BYTES),
    stderrTail: tailBytes(stderr, CHECK_TAIL_BYTES),
    // Runners split their summary between streams (unittest writes to stderr): read both.
    counts: parseTestCounts(task.check.parser, output),
    passedTests: parsePassedTests(task.check.parser, output),
    durationMs: result.durationMs,
    restored,
  };
}

/**
 * Restore protected files and add the hidden tests. What the agent left can be in the way (an immutable
 * folder): then its flags are cleared and it is tried once more. If it still fails, the error is returned,
 * to be scored as a check that could not run — the workspace is the agent's doing, not the harness's.
 */
async function prepareCheck(task: Task, dir: string): Promise<{ restored: string[] } | { error: string }> {
  const prepare = async () => {
    const restored = await restoreProtected(join(task.dir, "workspace"), dir, task.protected);
    await copyHidden(join(task.dir, "hidden"), dir);
    return { restored };
  };
  try {
    return await prepare();
  } catch {
    await unlockTree(dir);
  }
  try {
    return await prepare();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function unpreparedCheck(error: string): CheckResult {
  return {
    exitCode: null,
    timedOut: false,
    stdoutTail: "",
    stderrTail: tailBytes(
      `the check could not be set up in the agent's workspace: ${error}`,
      CHECK_TAIL_BYTES,
    ),
    counts: null,
    passedTests: [],
    durationMs: 0,
    restored: [],
  };
}
