import { cp, stat } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { buildCommandEnv } from "../exec/scrub-env.js";
import { CLI_VERSION } from "../version.js";
import { buildTaskMessage } from "./builtin/prompt.js";
import { runBuiltinAgent } from "./builtin/run-builtin-agent.js";
import { emptyOutcome, type Tui } from "./tui.js";

const builtin: Tui = {
  name: "builtin",
  version: CLI_VERSION,
  needsEndpoint: true,
  async run(context) {
    if (!context.callModel) throw new Error("the builtin agent needs a model client");
    const { workspace } = context;
    return runBuiltinAgent({
      cellId: context.cellId,
      model: context.model,
      callModel: context.callModel,
      taskMessage: await buildTaskMessage(workspace.dir),
      tools: {
        workspaceDir: workspace.dir,
        env: buildCommandEnv({ home: workspace.home, tmpdir: workspace.tmp, sandbox: context.sandbox }),
      },
      maxTurns: context.maxTurns,
      timeoutMs: context.timeoutMs,
      retryPolicy: context.retryPolicy,
      signal: context.signal,
      trace: context.trace,
      emit: context.emit,
    });
  },
};

/** Applies the task's reference solution: what a perfect agent would do (for validate and tests). */
const oracle: Tui = {
  name: "oracle",
  version: CLI_VERSION,
  needsEndpoint: false,
  async run({ task, workspace }) {
    const solution = join(task.dir, "solution");
    if (await stat(solution).catch(() => null)) {
      await cp(solution, workspace.dir, { recursive: true, force: true, verbatimSymlinks: true });
    }
    return emptyOutcome("finished", "applied the reference solution");
  },
};

/** Does nothing: the untouched workspace, scored. */
const noop: Tui = {
  name: "noop",
  version: CLI_VERSION,
  needsEndpoint: false,
  async run() {
    return emptyOutcome("finished", "");
  },
};

export const TUIS: Record<string, Tui> = { builtin, oracle, noop };

/** The TUI adapter for a --tui name. */
export function getTui(name: string): Tui {
  const tui = TUIS[name];
  if (!tui) throw new UsageError(`unknown --tui ${name}; available here: ${Object.keys(TUIS).join(", ")}`);
  return tui;
}
