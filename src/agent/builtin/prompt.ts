import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** Kept short on purpose: every token here is paid on every turn (measured by `npm run bench`). */
export const SYSTEM_PROMPT = `You are a coding agent working in a git repository (the workspace).
Use the tools to read and change files and to run commands; paths are relative to the workspace root.
Make the smallest change that solves the task and keep the tests as they are unless the task says otherwise.
Run the check the task names before you finish. When done, call finish with a one-paragraph summary.
If the task cannot or should not be done, do not fake a solution: say so and why.`;

/** Files listed in the first message, to save a turn of `ls`. */
const MAX_LISTED_FILES = 200;

/** The task as the agent first sees it: README.md (the prompt), AGENTS.md (constraints), the file list. */
export async function buildTaskMessage(workspaceDir: string): Promise<string> {
  const [readme, agents, listed] = await Promise.all([
    readFile(join(workspaceDir, "README.md"), "utf8").catch(() => ""),
    readFile(join(workspaceDir, "AGENTS.md"), "utf8").catch(() => null),
    listTrackedFiles(workspaceDir),
  ]);
  const parts = [readme.trim() || "(the workspace has no README.md)"];
  if (agents) parts.push(`## AGENTS.md (constraints you must follow)\n\n${agents.trim()}`);
  const more = listed.length > MAX_LISTED_FILES ? `\n… and ${listed.length - MAX_LISTED_FILES} more` : "";
  parts.push(`## Files in the workspace\n\n${listed.slice(0, MAX_LISTED_FILES).join("\n")}${more}`);
  return parts.join("\n\n");
}

/** The baseline's files as git tracks them (-z: names with spaces or newlines come out whole). */
async function listTrackedFiles(workspaceDir: string): Promise<string[]> {
  const { stdout } = await execFileAsync("git", ["ls-files", "-z"], {
    cwd: workspaceDir,
    // The user's git config has no say in what the agent is shown.
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.split("\0").filter(Boolean);
}
