import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Workspace } from "../../workspace/create-workspace.js";

/** Kept short on purpose: every token here is paid on every turn (measured by `npm run bench`). */
export const SYSTEM_PROMPT = `You are a coding agent working in a git repository (the workspace).
Use the tools to read and change files and to run commands; paths are relative to the workspace root.
Make the smallest change that solves the task and keep the tests as they are unless the task says otherwise.
Run the check the task names before you finish. When done, call finish with a one-paragraph summary.
If the task cannot or should not be done, do not fake a solution: say so and why.`;

/** Files listed in the first message, to save a turn of `ls`. */
const MAX_LISTED_FILES = 200;

/**
 * The task as the agent first sees it: README.md (the prompt), AGENTS.md (constraints), the file list.
 * The list is the baseline manifest's (every file the workspace started with, build outputs aside): no
 * `git ls-files` spawn per cell.
 */
export async function buildTaskMessage(workspace: Pick<Workspace, "dir" | "baseline">): Promise<string> {
  const [readme, agents] = await Promise.all([
    readFile(join(workspace.dir, "README.md"), "utf8").catch(() => ""),
    readFile(join(workspace.dir, "AGENTS.md"), "utf8").catch(() => null),
  ]);
  const listed = [...workspace.baseline.files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = [readme.trim() || "(the workspace has no README.md)"];
  if (agents) parts.push(`## AGENTS.md (constraints you must follow)\n\n${agents.trim()}`);
  const more = listed.length > MAX_LISTED_FILES ? `\n… and ${listed.length - MAX_LISTED_FILES} more` : "";
  parts.push(`## Files in the workspace\n\n${listed.slice(0, MAX_LISTED_FILES).join("\n")}${more}`);
  return parts.join("\n\n");
}
