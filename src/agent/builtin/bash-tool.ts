import { runCellCommand } from "../../exec/run-cell-command.js";
import { requireString } from "./file-tools.js";
import { ToolInputError } from "./workspace-path.js";

export const DEFAULT_COMMAND_TIMEOUT_S = 60;
export const MAX_COMMAND_TIMEOUT_S = 600;
/** Output returned to the model per command (head + tail). */
export const MAX_TOOL_OUTPUT_BYTES = 16 * 1024;

export interface BashContext {
  cwd: string;
  /** The command environment; its CAB_SANDBOX says whether the command runs inside bwrap. */
  env: Record<string, string>;
  signal: AbortSignal;
}

/** Run a model-chosen command with bash in the workspace, sandboxed as the cell is; nothing it starts outlives it. */
export async function runBashTool(context: BashContext, args: Record<string, unknown>) {
  const command = requireString(args, "command");
  const requested = args.timeout_s;
  if (requested !== undefined && (typeof requested !== "number" || !(requested > 0))) {
    throw new ToolInputError("timeout_s must be a positive number");
  }
  const timeoutS = Math.min(
    (requested as number | undefined) ?? DEFAULT_COMMAND_TIMEOUT_S,
    MAX_COMMAND_TIMEOUT_S,
  );
  const result = await runCellCommand({
    argv: ["bash", "-c", command],
    cwd: context.cwd,
    env: context.env,
    timeoutMs: timeoutS * 1000,
    maxOutputBytes: MAX_TOOL_OUTPUT_BYTES,
    signal: context.signal,
  });
  const lines = [
    result.spawnError
      ? `could not start bash: ${result.spawnError}`
      : result.timedOut
        ? `timed out after ${timeoutS}s (process group killed)`
        : `exit code: ${result.exitCode ?? `signal ${result.signal}`}`,
  ];
  if (result.stdout) lines.push(`stdout:\n${result.stdout}`);
  if (result.stderr) lines.push(`stderr:\n${result.stderr}`);
  if (result.leftoversKilled > 0)
    lines.push(
      `note: killed ${result.leftoversKilled} process(es) the command left running in the background`,
    );
  return { text: lines.join("\n"), exitCode: result.exitCode, timedOut: result.timedOut };
}
