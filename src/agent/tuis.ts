import { cp, stat } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { buildCommandEnv } from "../exec/scrub-env.js";
import { CLI_VERSION } from "../version.js";
import { buildTaskMessage } from "./builtin/prompt.js";
import { runBuiltinAgent } from "./builtin/run-builtin-agent.js";
import { emptyOutcome, type Tui } from "./tui.js";
import { aiderCommand } from "./tuis/aider.js";
import { codex } from "./tuis/codex.js";
import { gooseCommand } from "./tuis/goose.js";
import { type InstalledCommandTui, resolveInstalledCommand } from "./tuis/installed-command.js";
import { opencode } from "./tuis/opencode.js";
import { pi } from "./tuis/pi.js";
import { qwenCode } from "./tuis/qwen-code.js";

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
      taskMessage: await buildTaskMessage(workspace),
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

export const TUIS: Record<string, Tui> = {
  builtin,
  oracle,
  noop,
  pi,
  "qwen-code": qwenCode,
  opencode,
  codex,
};

/** TUIs the user installs themselves: used when their command is on PATH. */
export const INSTALLED_COMMAND_TUIS: Record<string, InstalledCommandTui> = {
  aider: aiderCommand,
  goose: gooseCommand,
};

/** The TUI adapter for a --tui name (an installed command's is checked here, before any cell runs). */
export function getTui(name: string): Tui {
  const tui = TUIS[name];
  if (tui) return tui;
  const installed = INSTALLED_COMMAND_TUIS[name];
  if (installed) return resolveInstalledCommand(installed);
  const available = [...Object.keys(TUIS), ...Object.keys(INSTALLED_COMMAND_TUIS)];
  throw new UsageError(`unknown --tui ${name}; available here: ${available.join(", ")}`);
}
