import { cp, lstat, mkdir, readdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Remove whatever sits where `path` must go: the entry itself, or a file or link on its parent path. */
export async function clearWay(root: string, path: string): Promise<void> {
  const parts = path.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const abs = join(root, ...parts.slice(0, i));
    const info = await lstat(abs).catch(() => null);
    if (!info) return;
    if (i === parts.length || !info.isDirectory()) {
      await rm(abs, { recursive: true, force: true });
      return;
    }
  }
}

/** The task's held-out files, relative to its hidden/ folder, sorted; none when it has no such folder. */
export async function listHidden(hiddenDir: string): Promise<string[]> {
  const info = await lstat(hiddenDir).catch(() => null);
  if (!info?.isDirectory()) return [];
  const entries = await readdir(hiddenDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(hiddenDir.length + 1))
    .sort();
}

/** Copy the task's held-out files (listed already, or listed here) into the clean room, over anything in their way. */
export async function copyHidden(
  hiddenDir: string,
  workspace: string,
  files?: readonly string[],
): Promise<string[]> {
  const listed = files ?? (await listHidden(hiddenDir));
  for (const file of listed) {
    await clearWay(workspace, file);
    await mkdir(dirname(join(workspace, file)), { recursive: true });
    await cp(join(hiddenDir, file), join(workspace, file), { verbatimSymlinks: true, force: true });
  }
  return [...listed];
}
