import { tailBytes } from "../exec/capture.js";
import { runCellCommand } from "../exec/run-cell-command.js";
import type { SandboxMode } from "../exec/sandbox.js";
import { buildCommandEnv } from "../exec/scrub-env.js";
import type { CheckResult, Task, TestCounts, WorkspaceDiff } from "../types.js";
import { type CleanRoom, prepareCleanRoom } from "./clean-room/prepare-clean-room.js";
import { parsePassedTests } from "./parse-passed-tests.js";
import { parseTestCounts } from "./parse-test-counts.js";
import { addTamperTests, type TamperPlan } from "./tamper/add-tamper-tests.js";
import { countsWithoutTamper, judgeTamper } from "./tamper/judge-tamper.js";
import { pinnedToolchainEnv } from "./toolchain-env.js";

/** Bytes of stdout and stderr kept in the result (SPEC §3: last 4 KiB each). */
export const CHECK_TAIL_BYTES = 4 * 1024;
/** A package that did not build fails the run without a failing test line (go test). */
const RUNNER_LEVEL_FAILURE = /\[(?:build|setup) failed\]|^error: could not compile/m;

export interface RunCheckOptions {
  /** The check's command comes from the bundle (untrusted): it runs in the same sandbox as the agent's. */
  sandbox: SandboxMode;
  /** The agent's changes against the baseline: what the clean room carries over. */
  diff: WorkspaceDiff;
  /** Add tamper tests (cells and validate); off where only the task's own verdict matters (mutants). */
  tamper?: boolean;
  /** Leave the clean room on disk (--keep-workspace); its path is in the result. */
  keepRoom?: boolean;
  signal?: AbortSignal;
}

export interface RunCheckResult extends CheckResult {
  /** The clean room's folder when it was kept. */
  roomDir?: string;
}

/**
 * Run the task's own check in a clean room: the task's workspace laid afresh with the agent's source
 * changes, the hidden tests and (where the runner has a template) tamper tests, a HOME and TMP nobody
 * used, toolchain variables pinned. Reads the runner's counts, names and the tamper verdict.
 */
export async function runCheck(
  task: Task,
  agentDir: string,
  options: RunCheckOptions,
): Promise<RunCheckResult> {
  const room = await prepareCleanRoom({ task, agentDir, diff: options.diff });
  let keep = false;
  try {
    const plan = options.tamper
      ? await addTamperTests({
          parser: task.check.parser,
          argv: task.check.run,
          dir: room.workspace,
          hidden: room.hidden,
        })
      : null;
    const result = await runInRoom(task, room, plan, options);
    keep = options.keepRoom ?? false;
    return keep ? { ...result, roomDir: room.dir } : result;
  } finally {
    // The check's own code may have locked files in the room; removeDir clears flags. A room that still
    // cannot go must not hide the verdict.
    if (!keep) await room.remove().catch(() => {});
  }
}

async function runInRoom(
  task: Task,
  room: CleanRoom,
  plan: TamperPlan | null,
  { sandbox, signal }: RunCheckOptions,
): Promise<CheckResult> {
  const env = buildCommandEnv({ home: room.home, tmpdir: room.tmp, sandbox, extra: task.check.env });
  const result = await runCellCommand({
    argv: task.check.run,
    cwd: room.workspace,
    env: { ...env, ...pinnedToolchainEnv(room.home) },
    timeoutMs: task.check.timeout_s * 1000,
    maxOutputBytes: 256 * 1024,
    signal,
  });
  // The room's temp path means nothing to a reader (and crowds the 4 KiB tails): paths read relative.
  const relative = (text: string) => text.replaceAll(`${room.workspace}/`, "");
  const stdout = relative(result.stdout);
  const stderr = result.spawnError
    ? `cannot run ${task.check.run[0]}: ${result.spawnError}`
    : relative(result.stderr);
  // Runners split their summary between streams (unittest writes to stderr): read both.
  const output = `${stdout}\n${stderr}`;
  const counts = parseTestCounts(task.check.parser, output);
  const tamper = plan
    ? {
        ...judgeTamper({
          plan,
          parser: task.check.parser,
          output,
          exitCode: result.exitCode,
          timedOut: result.timedOut,
        }),
        onlyTamperFailed: onlyTamperFailed(counts, plan, output),
      }
    : undefined;
  // With tamper tests an honest run exits non-zero for the must-fail test alone: the task's own tests
  // then exited as a 0 would say (the runner's own code stays in runnerExitCode).
  const tasksOwnExit = tamper?.verdict === "clean" && tamper.onlyTamperFailed ? 0 : result.exitCode;
  return {
    exitCode: result.exitCode === null ? null : tasksOwnExit,
    ...(tamper ? { runnerExitCode: result.exitCode } : {}),
    timedOut: result.timedOut,
    stdoutTail: tailBytes(stdout, CHECK_TAIL_BYTES),
    stderrTail: tailBytes(stderr, CHECK_TAIL_BYTES),
    counts: countsWithoutTamper(counts, tamper),
    passedTests: parsePassedTests(task.check.parser, output),
    durationMs: result.durationMs,
    restored: room.protectedChanged,
    ...(tamper ? { tamper } : {}),
    evidence: room.evidence,
  };
}

function onlyTamperFailed(counts: TestCounts | null, plan: TamperPlan, output: string): boolean {
  return counts !== null && counts.failed === plan.mustFail.length && !RUNNER_LEVEL_FAILURE.test(output);
}
