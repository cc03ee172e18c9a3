import { createHash } from "node:crypto";
import { readdir, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import { createGlobMatcher } from "../glob.js";
import type { WorkspaceDiff } from "../types.js";

/** Build outputs and caches never count as changes (SPEC §2 `ignore_in_diff` defaults). */
export const DEFAULT_IGNORE_IN_DIFF = [
  "**/target/**",
  "**/node_modules/**",
  "**/__pycache__/**",
  "**/.pytest_cache/**",
  "**/build/**",
  "**/dist/**",
  "**/out/**",
];

/** Content hash per workspace path: the harness's own baseline, out of the agent's reach. */
export interface Manifest {
  files: Map<string, string>;
  /** Relative paths of `.git` entries below the root (a repository the agent created). */
  nestedGitDirs: string[];
}

/** Hash every file under root, skipping the root `.git` and ignored paths (symlinks hash their target). */
export async function buildManifest(root: string, ignore: readonly string[]): Promise<Manifest> {
  const ignored = createGlobMatcher([...DEFAULT_IGNORE_IN_DIFF, ...ignore]);
  const files = new Map<string, string>();
  const nestedGitDirs: string[] = [];

  async function walk(dir: string, prefix: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.name === ".git") {
        if (prefix) nestedGitDirs.push(rel);
        continue;
      }
      if (ignored(rel)) continue;
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) await walk(abs, rel);
      else if (entry.isSymbolicLink()) files.set(rel, `link:${await readlink(abs)}`);
      else if (entry.isFile()) files.set(rel, hashBuffer(await readFile(abs)));
    }
  }
  await walk(root, "");
  return { files, nestedGitDirs: nestedGitDirs.sort() };
}

function hashBuffer(buffer: Buffer): string {
  return createHash("sha256").update(buffer).digest("hex");
}

/** Added, removed and modified paths of `current` against `baseline`, sorted. */
export function diffManifests(baseline: Manifest, current: Manifest): WorkspaceDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const modified: string[] = [];
  for (const [path, hash] of current.files) {
    const before = baseline.files.get(path);
    if (before === undefined) added.push(path);
    else if (before !== hash) modified.push(path);
  }
  for (const path of baseline.files.keys()) if (!current.files.has(path)) removed.push(path);
  const extraGitDir = current.nestedGitDirs.some((d) => !baseline.nestedGitDirs.includes(d));
  return { added: added.sort(), removed: removed.sort(), modified: modified.sort(), extraGitDir };
}
