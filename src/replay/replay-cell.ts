import type { CallModel } from "../agent/chat-types.js";
import { createCallModel } from "../agent/endpoint/call-chat.js";
import { createClient } from "../agent/endpoint/create-client.js";
import { DEFAULT_RETRY_POLICY } from "../agent/endpoint/retry.js";
import { TUIS } from "../agent/tuis.js";
import { ConfigError } from "../errors.js";
import type { SandboxMode } from "../exec/sandbox.js";
import { runCell } from "../run-cell.js";
import type { Bundle, CellResult, RunListener } from "../types.js";
import { type AxisComparison, compareScores } from "./compare-scores.js";
import type { Recording } from "./load-recording.js";
import { type Drift, type ReplayEndpoint, startReplayEndpoint } from "./replay-endpoint.js";

export interface ReplayCellOptions {
  recording: Recording;
  bundle: Bundle;
  sandbox?: SandboxMode;
  signal: AbortSignal;
  emit: RunListener;
}

export interface ReplayCellResult {
  replayed: CellResult;
  drift: Drift | null;
  rows: AxisComparison[];
  /** No drift and every judged axis the same. */
  reproduced: boolean;
}

/**
 * Run a recorded cell again through the normal cell path: same task (checked by version and bundle
 * digest), same TUI, model calls answered from the recording by a loopback endpoint; the tools and
 * the check run for real. Then compare the scores axis by axis.
 */
export async function replayCell(options: ReplayCellOptions): Promise<ReplayCellResult> {
  const { cell, exchanges } = options.recording;
  const identity = cell.run_identity;
  const tui = TUIS[identity.tui];
  if (!tui || (tui.needsEndpoint && tui.name !== "builtin"))
    throw new ConfigError(
      `cannot replay a ${identity.tui} cell: replay re-runs builtin, oracle and noop cells (an external agent's own model calls are not answerable from the recording)`,
    );
  const task = options.bundle.tasks.find((t) => t.id === identity.task_id);
  if (!task)
    throw new ConfigError(
      `the bundle has no task ${identity.task_id}: pass the bundle the cell ran with (--bundle)`,
    );
  if (task.version !== identity.task_version)
    throw new ConfigError(
      `task ${task.id} is ${task.version} in this bundle but the cell ran ${identity.task_version}: pass the bundle it ran with (--bundle)`,
    );
  // The task's own files decide when the cell recorded them; other tasks of the bundle may have changed.
  const [here, recorded, what] =
    identity.task_digest && task.digest
      ? [task.digest, identity.task_digest, `task ${task.id}'s files differ from the ones`]
      : [options.bundle.digest, identity.bundle_digest, "the bundle differs from the one"];
  if (here !== recorded)
    throw new ConfigError(
      `${what} the cell ran with (digest ${here.slice(0, 12)} here, ${recorded.slice(0, 12)} recorded): pass that bundle with --bundle`,
    );
  if (tui.needsEndpoint && !exchanges)
    throw new ConfigError(
      `${options.recording.source} holds no model replies (recorded by a cab that did not keep them): it cannot be replayed`,
    );

  const limits = cell.trace.spans.find((s) => s.kind === "agent_run")?.attrs ?? {};
  let endpoint: ReplayEndpoint | null = null;
  let callModel: CallModel | null = null;
  if (tui.needsEndpoint) {
    endpoint = await startReplayEndpoint(exchanges ?? [], { refuseTools: limits.protocol === "text" });
    callModel = createCallModel(createClient({ baseURL: endpoint.url, apiKey: undefined }), {
      stream: false,
    });
  }
  try {
    const { cell: replayed } = await runCell({
      plan: { cellId: identity.cell_id, task, tui, model: identity.model, runIndex: identity.run_index },
      bundleDigest: options.bundle.digest,
      endpointHost: endpoint ? "replay (loopback recording)" : "none",
      callModel,
      endpoint: null,
      maxTurns: typeof limits.max_turns === "number" ? limits.max_turns : null,
      timeoutS: typeof limits.timeout_s === "number" ? limits.timeout_s : null,
      // Every answer is immediate: one attempt, so a drift ends the run at once.
      retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 },
      keepWorkspace: false,
      ...(options.sandbox ? { sandbox: options.sandbox } : {}),
      signal: options.signal,
      emit: options.emit,
    });
    let drift = endpoint?.drift() ?? null;
    const total = exchanges?.length ?? 0;
    if (!drift && endpoint && endpoint.served() < total)
      drift = {
        call: endpoint.served() + 1,
        recordedCalls: total,
        detail: `the agent stopped after ${endpoint.served()} of ${total} recorded calls`,
      };
    const rows = compareScores(cell, replayed);
    const reproduced = drift === null && rows.every((r) => r.same !== false);
    return { replayed, drift, rows, reproduced };
  } finally {
    await endpoint?.close();
  }
}
