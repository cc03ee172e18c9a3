import { runBashTool } from "./bash-tool.js";
import { editWorkspaceFile, readWorkspaceFile, requireString, writeWorkspaceFile } from "./file-tools.js";
import type { NormalizedCall } from "./normalize-tool-calls.js";
import { ToolInputError } from "./workspace-path.js";

export interface ToolContext {
  workspaceDir: string;
  env: Record<string, string>;
  signal: AbortSignal;
}

export interface ToolAnswer {
  text: string;
  ok: boolean;
  /** The call itself was unusable (unknown tool, bad JSON, missing arguments). */
  malformed: boolean;
  /** The finish message when the call was `finish`. */
  finished: string | null;
}

/** Run one normalised tool call; every failure becomes a message for the model, never a throw. */
export async function executeTool(call: NormalizedCall, context: ToolContext): Promise<ToolAnswer> {
  if (call.argsError || !call.args) return malformed(call.argsError ?? "missing arguments");
  const args = call.args;
  try {
    switch (call.name) {
      case "bash": {
        const result = await runBashTool(
          { cwd: context.workspaceDir, env: context.env, signal: context.signal },
          args,
        );
        return { text: result.text, ok: result.exitCode === 0, malformed: false, finished: null };
      }
      case "read_file":
        return answer(await readWorkspaceFile(context.workspaceDir, args));
      case "write_file":
        return answer(await writeWorkspaceFile(context.workspaceDir, args));
      case "edit_file":
        return answer(await editWorkspaceFile(context.workspaceDir, args));
      case "finish": {
        const message = typeof args.message === "string" ? args.message : requireString(args, "message");
        return { text: "finished", ok: true, malformed: false, finished: message };
      }
      default:
        return malformed(
          `unknown tool ${JSON.stringify(call.name)}; the tools are bash, read_file, write_file, edit_file, finish`,
        );
    }
  } catch (error) {
    if (error instanceof ToolInputError) {
      return {
        text: `error: ${error.message}`,
        ok: false,
        malformed: isArgumentProblem(error.message),
        finished: null,
      };
    }
    return { text: `error: ${(error as Error).message}`, ok: false, malformed: false, finished: null };
  }
}

function answer(text: string): ToolAnswer {
  return { text, ok: true, malformed: false, finished: null };
}

function malformed(problem: string): ToolAnswer {
  return { text: `error: ${problem}`, ok: false, malformed: true, finished: null };
}

function isArgumentProblem(message: string): boolean {
  return /must be (a|a non-empty) string|must be a positive number/.test(message);
}
