import { cp, lstat, mkdir, readdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createGlobMatcher } from "../glob.js";
import { buildManifest } from "./manifest.js";

/**
 * Make every protected path in the workspace exactly as the bundle has it: changed or deleted files
 * come back, files the agent added under a protected pattern go. Returns the paths that differed.
 */
export async function restoreProtected(
  bundleWorkspace: string,
  workspace: string,
  patterns: readonly string[],
): Promise<string[]> {
  if (patterns.length === 0) return [];
  const isProtected = createGlobMatcher(patterns);
  const [original, current] = await Promise.all([
    buildManifest(bundleWorkspace, []),
    buildManifest(workspace, []),
  ]);
  const differing: string[] = [];
  // Added paths go first, while the tree is still the one the manifest saw: a restore can turn their
  // parent (a file or link the agent put where a protected folder was) back into a folder.
  for (const path of current.files.keys()) {
    if (isProtected(path) && !original.files.has(path)) {
      differing.push(path);
      await rm(join(workspace, path), { force: true });
    }
  }
  for (const [path, hash] of original.files) {
    if (!isProtected(path) || current.files.get(path) === hash) continue;
    differing.push(path);
    const target = join(workspace, path);
    await removeBlockers(workspace, path);
    await mkdir(dirname(target), { recursive: true });
    await cp(join(bundleWorkspace, path), target, { verbatimSymlinks: true, force: true });
  }
  return differing.sort();
}

/** Remove whatever sits where a restored file must go: the file itself, or a file/link on its parent path. */
async function removeBlockers(root: string, path: string): Promise<void> {
  const parts = path.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const abs = join(root, ...parts.slice(0, i));
    const info = await lstat(abs).catch(() => null);
    if (!info) return;
    const isLast = i === parts.length;
    if (isLast || !info.isDirectory()) {
      await rm(abs, { recursive: true, force: true });
      return;
    }
  }
}

/** Copy held-out files into the workspace just before the check. */
export async function copyHidden(hiddenDir: string, workspace: string): Promise<string[]> {
  const info = await lstat(hiddenDir).catch(() => null);
  if (!info?.isDirectory()) return [];
  const entries = await readdir(hiddenDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(hiddenDir.length + 1));
  for (const file of files) {
    await removeBlockers(workspace, file);
    await mkdir(dirname(join(workspace, file)), { recursive: true });
    await cp(join(hiddenDir, file), join(workspace, file), { verbatimSymlinks: true, force: true });
  }
  return files.sort();
}
