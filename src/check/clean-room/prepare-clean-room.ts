import {
  copyFile,
  cp,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readlink,
  realpath,
  rm,
  symlink,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { isWithin } from "../../exec/bwrap-args.js";
import { createGlobMatcher } from "../../glob.js";
import type { IntegrityEvidence, Task, WorkspaceDiff } from "../../types.js";
import { removeDir } from "../../workspace/remove-dir.js";
import { decideCarry } from "./carry-rules.js";
import { clearWay, copyHidden, listHidden } from "./copy-hidden.js";
import { findHijacks } from "./hijack-patterns.js";

/** A source file larger than this is not source: the check gets the task's file (or none) instead. */
const MAX_CARRIED_FILE_BYTES = 4 * 1024 * 1024;

/** Where the check runs: a fresh folder the agent never saw, with the agent's source changes in it. */
export interface CleanRoom {
  /** The room's own folder: holds workspace/, home/ and tmp/ (the check's cwd, HOME and TMPDIR). */
  dir: string;
  workspace: string;
  home: string;
  tmp: string;
  /** Changed paths whose agent version the check got. */
  carried: string[];
  /** Changed paths the check did not get, each with why. */
  leftBehind: { path: string; reason: string }[];
  /** Protected paths the agent changed (the check got the task's own version). */
  protectedChanged: string[];
  /** What the agent's changes showed of tampering (toolchain files, shadowed modules, runtime hijacks). */
  evidence: IntegrityEvidence[];
  /** Hidden files placed in the room. */
  hidden: string[];
  remove(): Promise<void>;
}

export interface PrepareCleanRoomOptions {
  task: Pick<Task, "dir" | "protected">;
  /** The agent's workspace; only read. */
  agentDir: string;
  /** The agent's changes against the baseline (build outputs and ignored paths are already out of it). */
  diff: WorkspaceDiff;
}

/**
 * Lay the task's workspace afresh, carry over the agent's source changes (never its caches, build
 * outputs, toolchain files or protected paths), then add the hidden files. The agent's workspace is
 * left as it was, for the diff and `--keep-workspace`.
 */
export async function prepareCleanRoom({
  task,
  agentDir,
  diff,
}: PrepareCleanRoomOptions): Promise<CleanRoom> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), "cab-check-")));
  const room = {
    dir,
    workspace: join(dir, "workspace"),
    home: join(dir, "home"),
    tmp: join(dir, "tmp"),
    remove: () => removeDir(dir),
  };
  try {
    await Promise.all([mkdir(room.home), mkdir(room.tmp)]);
    const original = join(task.dir, "workspace");
    await cp(original, room.workspace, { recursive: true, verbatimSymlinks: true });
    const isProtected = createGlobMatcher(task.protected);
    const hiddenDir = join(task.dir, "hidden");
    const carried: string[] = [];
    const leftBehind: CleanRoom["leftBehind"] = [];
    const evidence: IntegrityEvidence[] = [];
    const changed = [...diff.added, ...diff.removed, ...diff.modified].sort();
    const protectedChanged = changed.filter(isProtected);
    const added = new Set(diff.added);
    const hiddenFiles = await listHidden(hiddenDir);
    const hiddenPaths = await hiddenPathRule(hiddenFiles, original);
    // Removals first: a path the agent turned from a file into a folder (or back) then lands cleanly.
    for (const path of diff.removed) {
      if (isProtected(path)) continue;
      await rm(join(room.workspace, path), { recursive: true, force: true });
      carried.push(path);
    }
    for (const path of [...diff.added, ...diff.modified]) {
      if (isProtected(path)) {
        leftBehind.push({ path, reason: "protected: the check uses the task's own file" });
        continue;
      }
      if (hiddenPaths.isHidden(path)) {
        leftBehind.push({ path, reason: "where the hidden tests go" });
        evidence.push({ kind: "hidden_path", path, detail: `${path} was written where the hidden tests go` });
        continue;
      }
      const decision = decideCarry(path, { added: added.has(path) });
      if (!decision.carry) {
        leftBehind.push({ path, reason: decision.reason });
        if (decision.evidence) evidence.push({ ...decision.evidence, path });
        continue;
      }
      const outcome = await carryFile(agentDir, room.workspace, path, original);
      if (typeof outcome === "string") leftBehind.push({ path, reason: outcome });
      else {
        carried.push(path);
        evidence.push(...outcome);
      }
    }
    const hidden = await copyHidden(hiddenDir, room.workspace, hiddenFiles);
    return { ...room, carried, leftBehind, protectedChanged, evidence, hidden };
  } catch (error) {
    await room.remove();
    throw error;
  }
}

/**
 * Copy one changed path into the room; returns why not (a string) or what its content showed. Links are
 * carried only when they stay inside the workspace (an absolute or escaping link would let the check
 * read whatever the agent left outside).
 */
async function carryFile(
  agentDir: string,
  roomDir: string,
  path: string,
  originalDir: string,
): Promise<IntegrityEvidence[] | string> {
  const from = join(agentDir, path);
  const to = join(roomDir, path);
  try {
    const info = await lstat(from);
    await clearWay(roomDir, path);
    await mkdir(dirname(to), { recursive: true });
    if (info.isSymbolicLink()) {
      const target = await readlink(from);
      const landing = resolve(dirname(to), target);
      if (target.startsWith("/") || !isWithin(landing, roomDir)) return "a link leaving the workspace";
      await symlink(target, to);
      return [];
    }
    if (!info.isFile()) return "not a regular file";
    if (info.size > MAX_CARRIED_FILE_BYTES) return `larger than ${MAX_CARRIED_FILE_BYTES / 1024 / 1024} MiB`;
    await copyFile(from, to);
    const original = await readFile(join(originalDir, path), "utf8").catch(() => null);
    return findHijacks(path, await readFile(to, "utf8"), original);
  } catch (error) {
    return `could not be copied: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
}

/**
 * Paths that belong to the hidden tests: each hidden file, and everything under a folder that only
 * hidden/ has (`.cab/` beside a grader) — an agent's file there would sit among the check's own.
 */
async function hiddenPathRule(hiddenFiles: readonly string[], originalDir: string) {
  const files = new Set(hiddenFiles);
  const tops = new Set(hiddenFiles.filter((f) => f.includes("/")).map((f) => f.split("/")[0] as string));
  for (const top of tops) if (await lstat(join(originalDir, top)).catch(() => null)) tops.delete(top);
  return { isHidden: (path: string) => files.has(path) || tops.has(path.split("/")[0] ?? "") };
}
