import type { Dirent } from "node:fs";
import { lstat, readdir, readlink } from "node:fs/promises";
import { join } from "node:path";
import { createGlobMatcher } from "../glob.js";
import type { WorkspaceDiff } from "../types.js";
import { escapeName } from "./escape-name.js";
import { hashFile, specialHash } from "./hash-file.js";

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

/** File-system calls the walk keeps in flight at once: enough to overlap the thread pool's work. */
const DEFAULT_WALK_CONCURRENCY = 8;

/** Content hash per workspace path: the harness's own baseline, out of the agent's reach. */
export interface Manifest {
  /**
   * Path → sha256 of the content; `link:<target>` for a symlink; `sampled:<size>:<hash>` for a file too
   * large to hash whole; `special:<kind>` for a fifo, socket, device or mount point; `unreadable:<code>`
   * for an entry the walk could not read (a path past PATH_MAX, no permission, gone mid-walk).
   */
  files: Map<string, string>;
  /** Relative paths of `.git` entries below the root (a repository the agent created). */
  nestedGitDirs: string[];
  /** Path → error code of every entry that could not be read (`.` when the root itself could not). */
  unreadable: Map<string, string>;
  /** Path → its bytes on disk, for every key with a name that is not UTF-8 (the key holds it escaped). */
  rawPaths: Map<string, Buffer>;
}

/** Where one entry is: its key, and its bytes when some name on the way is not UTF-8. */
interface Place {
  rel: string;
  raw: Buffer | null;
}

/**
 * Hash every entry under root, skipping the root `.git` and ignored paths (symlinks record their target).
 * Never throws for what is in the tree: odd entries become values in `files` (see Manifest).
 */
export async function buildManifest(root: string, ignore: readonly string[]): Promise<Manifest> {
  const ignored = createGlobMatcher([...DEFAULT_IGNORE_IN_DIFF, ...ignore]);
  const limit = createLimit(DEFAULT_WALK_CONCURRENCY);
  const found: [string, string][] = [];
  const nestedGitDirs: string[] = [];
  const unreadable = new Map<string, string>();
  const rawPaths = new Map<string, Buffer>();
  const absolute = (place: Place) =>
    place.raw ? Buffer.concat([Buffer.from(`${root}/`), place.raw]) : join(root, place.rel);
  const fail = (place: Place, error: unknown) => {
    const code = errorCode(error);
    unreadable.set(place.rel || ".", code);
    if (place.rel) found.push([place.rel, `unreadable:${code}`]);
  };

  async function walk(dir: Place, device: number): Promise<void> {
    let entries: Dirent[] | Dirent<Buffer>[];
    try {
      entries = await limit(() => readdir(absolute(dir), { withFileTypes: true }));
      // A name that is not UTF-8 arrives with U+FFFD in it: list again as bytes to hash the real entry.
      if (entries.some((entry) => entry.name.includes("\uFFFD")))
        entries = await limit(() => readdir(absolute(dir), { withFileTypes: true, encoding: "buffer" }));
    } catch (error) {
      fail(dir, error);
      return;
    }
    await Promise.all(entries.map((entry: Dirent | Dirent<Buffer>) => visit(dir, entry, device)));
  }

  async function visit(dir: Place, entry: Dirent | Dirent<Buffer>, device: number): Promise<void> {
    const place = childPlace(dir, entry.name);
    if (place.raw) rawPaths.set(place.rel, place.raw);
    if (entry.name.toString() === ".git") {
      if (dir.rel) nestedGitDirs.push(place.rel);
      return;
    }
    if (ignored(place.rel)) return;
    const abs = absolute(place);
    try {
      if (entry.isDirectory()) {
        // Another file system mounted here (root can mount): recorded, never walked into.
        const info = await limit(() => lstat(abs));
        if (info.dev !== device) found.push([place.rel, "special:mount-point"]);
        else await walk(place, device);
      } else if (entry.isSymbolicLink()) {
        const target = await limit(() => readlink(abs, { encoding: "buffer" }));
        found.push([place.rel, `link:${escapeName(target)}`]);
      } else if (entry.isFile()) found.push([place.rel, await limit(() => hashFile(abs))]);
      else found.push([place.rel, specialHash(entry)]);
    } catch (error) {
      fail(place, error);
    }
  }

  try {
    await walk({ rel: "", raw: null }, (await lstat(root)).dev);
  } catch (error) {
    fail({ rel: "", raw: null }, error);
  }
  found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { files: new Map(found), nestedGitDirs: nestedGitDirs.sort(), unreadable, rawPaths };
}

function childPlace(dir: Place, name: string | Buffer): Place {
  const text = typeof name === "string" ? name : escapeName(name);
  const rel = dir.rel ? `${dir.rel}/${text}` : text;
  const escaped = typeof name !== "string" && text !== name.toString();
  if (!dir.raw && !escaped) return { rel, raw: null };
  const bytes = typeof name === "string" ? Buffer.from(name) : name;
  const parent = dir.raw ?? (dir.rel ? Buffer.from(dir.rel) : null);
  return { rel, raw: parent ? Buffer.concat([parent, Buffer.from("/"), bytes]) : bytes };
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? code : "EUNKNOWN";
}

/** Run at most `max` of the given calls at once, in the order they were asked for. */
function createLimit(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(call: () => Promise<T>): Promise<T> => {
    // A finished call hands its slot straight to the next waiting one.
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await call();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
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
