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

/** Copy the task's held-out files into the clean room, over anything in their way; lists them. */
export async function copyHidden(hiddenDir: string, workspace: string): Promise<string[]> {
  const info = await lstat(hiddenDir).catch(() => null);
  if (!info?.isDirectory()) return [];
  const entries = await readdir(hiddenDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(hiddenDir.length + 1));
  for (const file of files) {
    await clearWay(workspace, file);
    await mkdir(dirname(join(workspace, file)), { recursive: true });
    await cp(join(hiddenDir, file), join(workspace, file), { verbatimSymlinks: true, force: true });
  }
  return files.sort();
}
