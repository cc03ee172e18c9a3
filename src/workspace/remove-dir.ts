import { access, rm } from "node:fs/promises";
import { runCommand } from "../exec/run-command.js";

/** Each fallback command (chattr, chmod, rm -rf) of a removal that failed gets this long. */
const DEFAULT_FALLBACK_TIMEOUT_MS = 120_000;

/**
 * Remove a folder the agent may have made hard to remove. Node's rm first (the common case, no spawn);
 * when it fails: clear immutable/append-only flags (`chattr +i` by an agent running as root) and restore
 * owner write permission, then GNU `rm -rf`, which walks with openat and so gets below PATH_MAX where
 * Node's path-based rm cannot. Throws, naming the folder, only if the folder is still there after that.
 */
export async function removeDir(dir: string): Promise<void> {
  try {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    return;
  } catch (error) {
    await unlockTree(dir);
    const fallback = await run(["rm", "-rf", "--one-file-system", "--", dir]);
    if (!(await exists(dir))) return;
    const detail = fallback ? `; rm -rf: ${fallback}` : "";
    throw new Error(`cannot remove ${dir}: ${(error as Error).message}${detail}`, { cause: error });
  }
}

/**
 * Undo what stops the harness writing to or deleting from a tree: immutable and append-only flags, and
 * missing owner permissions. Best effort and quiet: chattr fails where the flags are not supported or
 * the caller is not root, which is also where an agent could not have set them.
 */
export async function unlockTree(dir: string): Promise<void> {
  await run(["chattr", "-R", "-f", "-i", "-a", "--", dir]);
  // chattr -R builds whole paths, so it stops at PATH_MAX; find -execdir works from inside each folder.
  await run(["find", dir, "-depth", "!", "-type", "l", "-execdir", "chattr", "-f", "-i", "-a", "{}", "+"]);
  await run(["chmod", "-R", "u+rwx", "--", dir]);
}

/** The command's error text, or null when it succeeded. */
async function run(argv: string[]): Promise<string | null> {
  const result = await runCommand({
    argv,
    cwd: "/",
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    timeoutMs: DEFAULT_FALLBACK_TIMEOUT_MS,
  });
  if (result.exitCode === 0) return null;
  return result.spawnError ?? (result.stderr.trim().split("\n")[0] || `exit code ${result.exitCode}`);
}

/** False only when the path is certainly gone: a path too long to look at may still be there. */
async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== "ENOENT",
  );
}
