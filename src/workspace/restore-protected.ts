import { cp, lstat, mkdir, readdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createGlobMatcher } from "../glob.js";
import { buildManifest } from "./manifest.js";
import { removeDir } from "./remove-dir.js";

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
  const originalFolders = folderPrefixes(original.files.keys());
  const removedFolders: string[] = [];
  for (const [path, hash] of current.files) {
    if (!isProtected(path) || original.files.has(path)) continue;
    differing.push(path);
    // Never walked into, so never emptied: what is mounted there is not the workspace's to delete.
    if (hash === "special:mount-point") continue;
    if (removedFolders.some((folder) => path.startsWith(`${folder}/`))) continue;
    const raw = current.rawPaths.get(path);
    if (raw) {
      // A name that is not UTF-8 is removed by its bytes.
      await rm(Buffer.concat([Buffer.from(`${workspace}/`), raw]), { recursive: true, force: true });
      continue;
    }
    // The whole added folder goes, from its top: an entry past PATH_MAX cannot be named from the root,
    // but removeDir gets below it from a folder that can.
    const top = addedTop(path, originalFolders, isProtected);
    if (top !== path) removedFolders.push(top);
    await removeDir(join(workspace, top));
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

/** Every folder that holds one of the paths. */
function folderPrefixes(paths: Iterable<string>): Set<string> {
  const folders = new Set<string>();
  for (const path of paths)
    for (let end = path.indexOf("/"); end !== -1; end = path.indexOf("/", end + 1))
      folders.add(path.slice(0, end));
  return folders;
}

/** The shallowest protected folder above an added path that holds nothing of the original, else the path. */
function addedTop(
  path: string,
  originalFolders: Set<string>,
  isProtected: (path: string) => boolean,
): string {
  for (let end = path.indexOf("/"); end !== -1; end = path.indexOf("/", end + 1)) {
    const folder = path.slice(0, end);
    if (!originalFolders.has(folder) && isProtected(folder)) return folder;
  }
  return path;
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
