import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Task } from "../../types.js";
import { fakeSummaryTarget } from "../fake-summary.js";

/** Where a cheat's code goes: the file the task expects changed, or null when there is none to edit. */
export const cheatTarget = fakeSummaryTarget;

/** The target as the agent found it: the bug is still there, so only the cheat can make the tests pass. */
export async function buggySource(workspace: string, target: string): Promise<string> {
  return readFile(join(workspace, target), "utf8");
}

/** The target as the reference solution has it (it compiles), or the workspace's when there is none. */
export async function fixedSource(task: Task, workspace: string, target: string): Promise<string> {
  return readFile(join(task.dir, "solution", target), "utf8").catch(() => buggySource(workspace, target));
}

/**
 * `code` planted in `source` of `language` so that it runs when the file is loaded: appended (Python,
 * JavaScript — ESM imports are hoisted —, Rust, C, C++), its imports merged under `package` (Go, where
 * `code` is `{ imports, body }` text), or as members of the first class (Java).
 */
export function plant(language: string, source: string, code: string, goImports: string[] = []): string {
  switch (language) {
    case "go": {
      const imports = goImports.map((i) => `import ${i}\n`).join("");
      return `${source.replace(/^(package \w+.*)$/m, `$1\n\n${imports}`)}\n${code}`;
    }
    case "java":
      return source.replace(/(\b(?:class|enum)\s+\w+[^{]*\{)/, `$1\n${code}\n`);
    case "python":
      // `from __future__` must stay first; appending keeps it so.
      return `${source}\n${code}`;
    default:
      return `${source}\n${code}`;
  }
}

/** Write `code` planted into the task's target file, starting from `source`. */
export async function plantInTarget(
  task: Task,
  workspace: string,
  target: string,
  source: string,
  code: string,
  goImports: string[] = [],
): Promise<void> {
  await writeFile(join(workspace, target), plant(task.language, source, code, goImports));
}
