import { join } from "node:path";
import type { CallModel } from "./agent/chat-types.js";
import type { RetryPolicy } from "./agent/endpoint/retry.js";
import type { ModelEndpoint } from "./agent/proxy/start-metering-proxy.js";
import { TUI_FAILED, type Tui } from "./agent/tui.js";
import { compareOutsideConfig, snapshotOutsideConfig } from "./check/clean-room/outside-config.js";
import { runCheck } from "./check/run-check.js";
import { killProcessesIn } from "./exec/reap-processes.js";
import { resolveSandbox, type SandboxMode } from "./exec/sandbox.js";
import { createGlobMatcher } from "./glob.js";
import { recordExchanges } from "./replay/record-exchanges.js";
import { METHODOLOGY_VERSION } from "./score/composite.js";
import { REFUSAL_DOCUMENTS } from "./score/refusal.js";
import { scoreCell } from "./score/score-cell.js";
import { createTraceRecorder } from "./trace-recorder.js";
import type {
  AgentOutcome,
  CellResult,
  CellStatus,
  CheckResult,
  ModelExchange,
  RunListener,
  Task,
  WorkspaceDiff,
} from "./types.js";
import { CLI_VERSION } from "./version.js";
import { createWorkspace } from "./workspace/create-workspace.js";
import { readFileHead } from "./workspace/hash-file.js";
import { buildManifest, diffManifests } from "./workspace/manifest.js";

export const PROVISIONAL_NOTICE = "PROVISIONAL — not for citation; not a published CodingAgentBench cell";
/** Refusal documents larger than this are read only in part. */
const MAX_REFUSAL_DOCUMENT_BYTES = 64 * 1024;

export interface CellPlan {
  cellId: string;
  task: Task;
  tui: Tui;
  model: string;
  runIndex: number;
}

export interface RunCellResult {
  cell: CellResult;
  /**
   * Set when the configuration failed, with what it rules out: the endpoint refused the key or model
   * (every cell of this model would fail too) or the TUI could not start (every cell of this TUI).
   */
  configFailure: { reason: string; scope: "model" | "tui" } | null;
}

export interface RunCellOptions {
  plan: CellPlan;
  bundleDigest: string;
  endpointHost: string;
  callModel: CallModel | null;
  /** The user's endpoint for TUIs that run behind the metering proxy; null without one. */
  endpoint: ModelEndpoint | null;
  maxTurns: number | null;
  timeoutS: number | null;
  retryPolicy: RetryPolicy;
  keepWorkspace: boolean;
  /** Add tamper tests to the check (default on; `validate` turns them off to read the task's own failure). */
  tamper?: boolean;
  /** Where the agent's and the check's commands run (default: bwrap when it works here, else none). */
  sandbox?: SandboxMode;
  signal: AbortSignal;
  emit: RunListener;
  /** `--shard i/n` label, recorded in the run identity. */
  shard?: string;
  /** `check --fresh` seed the run's tasks were generated with, recorded in the run identity. */
  freshSeed?: number;
}

/** One cell, start to end: workspace, agent, diff, check, score (SPEC §3). Failures of the agent are data. */
export async function runCell(options: RunCellOptions): Promise<RunCellResult> {
  const { plan, emit, signal } = options;
  const { task, tui } = plan;
  const startedAt = new Date();
  const trace = createTraceRecorder();
  // Every successful model reply is kept, so `cab replay` can answer the same calls again offline.
  const exchanges: ModelExchange[] = [];
  const callModel = options.callModel ? recordExchanges(options.callModel, exchanges) : null;
  const sandbox = options.sandbox ?? (await resolveSandbox("auto")).mode;
  emit({ type: "cell_phase", cellId: plan.cellId, phase: "setup" });
  // Without bwrap the check's folder has real parents the agent can write: fingerprint them first.
  const outsideBefore = sandbox === "none" ? snapshotOutsideConfig() : null;
  const workspace = await trace.time(
    "task_setup",
    `prepare:${task.id}`,
    { task_category: task.category, sandbox },
    () => createWorkspace(join(task.dir, "workspace"), task.ignore_in_diff),
  );
  let check: CheckResult | null = null;
  let result: Omit<CellResult, "trace">;
  let configFailure: RunCellResult["configFailure"] = null;
  try {
    emit({ type: "cell_phase", cellId: plan.cellId, phase: "agent" });
    const agentStart = trace.now();
    const timeoutS = options.timeoutS ?? task.budget.timeout_s;
    const maxTurns = options.maxTurns ?? task.budget.max_turns;
    const agentAttrs: Record<string, unknown> = {
      timeout_s: timeoutS,
      max_turns: maxTurns,
      model: plan.model,
      sandbox,
    };
    const outcome = await trace.time("agent_run", `${tui.name}:${task.id}`, agentAttrs, () =>
      tui.run({
        cellId: plan.cellId,
        task,
        workspace,
        sandbox,
        model: plan.model,
        callModel,
        endpoint: options.endpoint,
        maxTurns,
        timeoutMs: timeoutS * 1000,
        retryPolicy: options.retryPolicy,
        signal,
        trace,
        emit,
      }),
    );
    const wallClockMs = trace.now() - agentStart;
    Object.assign(agentAttrs, {
      stop: outcome.stop,
      protocol: outcome.protocol ?? "tools",
      text_tool_calls: outcome.textToolCalls ?? 0,
      successful_model_calls: outcome.successfulCalls,
    });
    const diff = diffManifests(workspace.baseline, await buildManifest(workspace.dir, task.ignore_in_diff));
    const refusalDocuments = await readRefusalDocuments(workspace.dir, diff);
    const isProtected = createGlobMatcher(task.protected);
    const protectedChanged = [...diff.added, ...diff.removed, ...diff.modified].filter(isProtected).sort();

    const outsideEvidence = outsideBefore ? compareOutsideConfig(outsideBefore, snapshotOutsideConfig()) : [];
    const checkAttrs: Record<string, unknown> = { timeout_s: task.check.timeout_s };
    if (!signal.aborted) {
      emit({ type: "cell_phase", cellId: plan.cellId, phase: "check" });
      const ran = await trace.time("check", `check:${task.check.run.join(" ")}`, checkAttrs, () =>
        runCheck(task, workspace.dir, {
          sandbox,
          signal,
          diff,
          tamper: true,
          keepRoom: options.keepWorkspace,
        }),
      );
      if (ran.roomDir)
        emit({ type: "warning", message: `${plan.cellId}: check's clean room kept at ${ran.roomDir}` });
      check = { ...ran, evidence: [...(ran.evidence ?? []), ...outsideEvidence] };
    }
    emit({ type: "cell_phase", cellId: plan.cellId, phase: "score" });
    const scorer = scoreCell({
      task,
      diff,
      check,
      agent: outcome,
      wallClockMs,
      refusalDocuments,
      protectedChanged,
      sandbox,
    });
    // The trace says which hidden tests the runner's output never showed passing (a faked summary).
    if (scorer.pass_rate.must_pass_missing)
      Object.assign(checkAttrs, {
        must_pass: task.check.must_pass,
        must_pass_missing: scorer.pass_rate.must_pass_missing,
      });
    const { status, reason } = cellStatus(outcome, signal.aborted, check);
    if (outcome.endpointFailure?.faultClass === "config")
      configFailure = { reason, scope: outcome.endpointFailure.kind === TUI_FAILED ? "tui" : "model" };
    const endedAt = new Date();
    result = {
      provisional: true,
      notice: PROVISIONAL_NOTICE,
      methodology_version: METHODOLOGY_VERSION,
      cli_version: CLI_VERSION,
      status,
      status_reason: reason,
      run_identity: runIdentity(plan, options, check?.exitCode ?? null),
      timing: {
        started_at: startedAt.toISOString(),
        ended_at: endedAt.toISOString(),
        duration_ms: endedAt.getTime() - startedAt.getTime(),
        tokens_source: outcome.tokensSource,
      },
      scorer,
    };
  } finally {
    // Every process the cell started is gone before its folder is: look for any left, kill, count.
    const cleanupAttrs: Record<string, unknown> = { sandbox };
    // Nothing here throws: a cleanup failure must not hide the cell's result (or the error that ended it).
    await trace.time("cleanup", `cleanup:${tui.name}`, cleanupAttrs, async () => {
      cleanupAttrs.stragglers_killed = await killProcessesIn([workspace.cellDir]).catch((error) => {
        emit({
          type: "warning",
          message: `${plan.cellId}: could not look for leftover processes: ${message(error)}`,
        });
        return null;
      });
      if (options.keepWorkspace) return;
      await workspace.remove().catch((error) => {
        cleanupAttrs.removal_error = message(error);
        emit({
          type: "warning",
          message: `${plan.cellId}: the cell folder ${workspace.cellDir} is left behind: ${message(error)}`,
        });
      });
    });
    if (options.keepWorkspace)
      emit({ type: "warning", message: `${plan.cellId}: workspace kept at ${workspace.dir}` });
  }
  const recorded = withRestoredNote(trace.snapshot(), check);
  // Only the calls that went through callModel are here; TUIs behind the metering proxy are not recorded.
  if (exchanges.length > 0 || (callModel && tui.name === "builtin")) recorded.model_exchanges = exchanges;
  return { cell: { ...result, trace: recorded }, configFailure };
}

/** Who, what and against what a cell measured: the same fields whether it ran or was skipped. */
export function runIdentity(
  plan: CellPlan,
  options: Pick<RunCellOptions, "bundleDigest" | "endpointHost" | "shard" | "freshSeed">,
  exitCode: number | null,
): CellResult["run_identity"] {
  return {
    cell_id: plan.cellId,
    tui: plan.tui.name,
    tui_version: plan.tui.version,
    model: plan.model,
    endpoint_host: options.endpointHost,
    task_id: plan.task.id,
    task_version: plan.task.version,
    ...(plan.task.digest ? { task_digest: plan.task.digest } : {}),
    bundle_digest: options.bundleDigest,
    run_index: plan.runIndex,
    exit_code: exitCode,
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.freshSeed !== undefined ? { fresh_seed: options.freshSeed } : {}),
  };
}

/** Status and its one-line reason, in the published wording where there is one. */
export function cellStatus(
  outcome: AgentOutcome,
  aborted: boolean,
  check: CheckResult | null,
): { status: CellStatus; reason: string } {
  if (outcome.stop === "interrupted" || (aborted && !check))
    return { status: "interrupted", reason: "interrupted by the user; measured so far" };
  const failure = outcome.endpointFailure;
  if (outcome.stop === "endpoint_error" && failure) {
    if (failure.faultClass === "infra" || failure.faultClass === "config") {
      const beforeWork = outcome.successfulCalls === 0;
      if (failure.kind === "rate_limited" && beforeWork) {
        return {
          status: "infra_error",
          reason: `Provider rate limit (HTTP 429) — the agent exhausted its retries before doing any work. Infra, not capability. (${failure.message})`,
        };
      }
      const when = beforeWork
        ? "before doing any work"
        : `after ${outcome.successfulCalls} successful model call(s)`;
      return { status: "infra_error", reason: `${failure.message} — ${when}. Infra, not capability.` };
    }
    return { status: "completed", reason: `the endpoint ended the run: ${failure.message}` };
  }
  const reasons: Record<AgentOutcome["stop"], string> = {
    finished: "the agent finished",
    no_tool_calls: "the agent stopped calling tools",
    max_turns: "the agent used all its turns",
    timeout: "the agent ran out of time (budget timeout)",
    endpoint_error: "the endpoint ended the run",
    malformed_tool_calls: "three malformed tool calls in a row",
    length: "the model hit its output limit (finish_reason: length)",
    interrupted: "interrupted",
  };
  return { status: outcome.stop === "timeout" ? "timed_out" : "completed", reason: reasons[outcome.stop] };
}

/** Root-level refusal documents the agent added, with their text (empty when it is not a readable file). */
async function readRefusalDocuments(dir: string, diff: WorkspaceDiff) {
  const added = REFUSAL_DOCUMENTS.filter((name) => diff.added.includes(name));
  return Promise.all(
    added.map(async (path) => ({
      path,
      text: (await readFileHead(join(dir, path), MAX_REFUSAL_DOCUMENT_BYTES).catch(() => "")) ?? "",
    })),
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function withRestoredNote(trace: CellResult["trace"], check: CheckResult | null): CellResult["trace"] {
  const span = trace.spans.find((s) => s.kind === "check");
  if (span && check)
    Object.assign(span.attrs, {
      exit_code: check.exitCode,
      ...(check.runnerExitCode !== undefined ? { runner_exit_code: check.runnerExitCode } : {}),
      timed_out: check.timedOut,
      restored: check.restored,
      tests: check.counts,
      ...(check.tamper ? { tamper: check.tamper } : {}),
    });
  return trace;
}
