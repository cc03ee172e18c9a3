import type { SandboxMode } from "../exec/sandbox.js";
import type { TraceRecorder } from "../trace-recorder.js";
import type { AgentOutcome, RunListener, Task } from "../types.js";
import type { Workspace } from "../workspace/create-workspace.js";
import type { CallModel } from "./chat-types.js";
import type { RetryPolicy } from "./endpoint/retry.js";
import type { ModelEndpoint } from "./proxy/start-metering-proxy.js";

/** The endpoint-failure kind of a TUI that exited before its first model call (a setup problem, not the model's). */
export const TUI_FAILED = "tui_failed";

/** Everything a TUI adapter gets to work one cell. */
export interface TuiContext {
  cellId: string;
  task: Task;
  workspace: Workspace;
  /** How the TUI's commands run: every command it starts goes through the cell's sandbox. */
  sandbox: SandboxMode;
  model: string;
  /** Absent for TUIs that never call a model (oracle, noop). */
  callModel: CallModel | null;
  /** The user's endpoint, for TUIs that talk to it through the metering proxy; null when there is none. */
  endpoint: ModelEndpoint | null;
  maxTurns: number;
  timeoutMs: number;
  retryPolicy: RetryPolicy;
  signal: AbortSignal;
  trace: TraceRecorder;
  emit: RunListener;
}

export interface Tui {
  name: string;
  version: string;
  /** Whether it calls the endpoint (and so needs --endpoint and --model). */
  needsEndpoint: boolean;
  /** Once per run, before any cell: install what the TUI needs (npm TUIs), logging each step. */
  prepare?(log: (line: string) => void): Promise<void>;
  run(context: TuiContext): Promise<AgentOutcome>;
}

/** An outcome with no model work: the starting point for TUIs that do not call a model. */
export function emptyOutcome(stop: AgentOutcome["stop"], finalMessage: string): AgentOutcome {
  return {
    stop,
    finalMessage,
    usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, modelCalls: 0 },
    tokensSource: "not recorded",
    modelCallMs: 0,
    backoffMs: 0,
    successfulCalls: 0,
  };
}
