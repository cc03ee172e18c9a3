import { cp, mkdir, mkdtemp, realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand } from "../exec/run-command.js";
import { buildManifest, type Manifest } from "./manifest.js";
import { removeDir } from "./remove-dir.js";

/** Commit identity for the baseline: fixed, so nothing depends on the user's git config. */
const BASELINE_GIT_CONFIG = [
  "user.name=CodingAgentBench",
  "user.email=cab@localhost.invalid",
  "commit.gpgsign=false",
  "init.defaultBranch=main",
  "core.autocrlf=false",
  // A new repo never needs housekeeping; without these, `git commit` spawns `git maintenance run --auto`.
  "maintenance.auto=false",
  "gc.auto=0",
];
/** Generous: the baseline commit takes ~20 ms on a task workspace; a hung git must not hang the run. */
const DEFAULT_GIT_TIMEOUT_MS = 120_000;

export interface Workspace {
  /** The cell's private temp folder: holds workspace/, home/ and tmp/. */
  cellDir: string;
  /** Where the agent works: a git repo with the task's files in a baseline commit. */
  dir: string;
  home: string;
  tmp: string;
  baseline: Manifest;
  /** Remove the cell folder, however the agent left it; throws (naming the folder) only if it stays. */
  remove(): Promise<void>;
}

/** Lay a task's workspace/ into a fresh temp git repo with a baseline commit and a hash manifest. */
export async function createWorkspace(
  sourceDir: string,
  ignoreInDiff: readonly string[],
): Promise<Workspace> {
  const cellDir = await realpath(await mkdtemp(join(tmpdir(), "cab-cell-")));
  const dir = join(cellDir, "workspace");
  const home = join(cellDir, "home");
  const tmp = join(cellDir, "tmp");
  try {
    await Promise.all([mkdir(home), mkdir(tmp)]);
    await cp(sourceDir, dir, { recursive: true, verbatimSymlinks: true });
    // git leaves the files as they are, so hashing them overlaps the commit; the manifest skips `.git`.
    const [baseline] = await settleBoth(buildManifest(dir, ignoreInDiff), commitBaseline(dir, home));
    return { cellDir, dir, home, tmp, baseline, remove: () => removeDir(cellDir) };
  } catch (error) {
    // The setup error is the one to report: a folder that will not go is secondary to it.
    await removeDir(cellDir).catch(() => {});
    throw error;
  }
}

/**
 * `git init`, `add -A` and `commit` in one shell: each spawn blocks the CLI's event loop while the whole
 * process forks, so one spawn, not three (simple-git cost ~60 ms more a cell, 50 of them an idle wait after
 * a command that prints nothing). The -c options arrive as "$@": nothing is quoted by hand. No template:
 * the sample hooks would never run.
 */
const BASELINE_SCRIPT =
  'git "$@" init -q --template= && git "$@" add -A && git "$@" commit -q --no-verify --allow-empty -m baseline';

async function commitBaseline(dir: string, home: string): Promise<void> {
  const config = BASELINE_GIT_CONFIG.flatMap((entry) => ["-c", entry]);
  const result = await runCommand({
    argv: ["sh", "-c", BASELINE_SCRIPT, "sh", ...config],
    cwd: dir,
    env: gitEnv(home),
    timeoutMs: DEFAULT_GIT_TIMEOUT_MS,
  });
  if (result.exitCode === 0) return;
  const detail =
    result.spawnError ??
    (result.timedOut ? `timed out after ${DEFAULT_GIT_TIMEOUT_MS / 1000} s` : result.stderr.trim());
  throw new Error(`git baseline commit failed in ${dir}: ${detail || `exit code ${result.exitCode}`}`);
}

/** Both results once both have settled, so a failure never leaves the other still touching the folder. */
async function settleBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === "rejected") throw first.reason;
  if (second.status === "rejected") throw second.reason;
  return [first.value, second.value];
}

/** git sees only a private HOME: no user config, hooks or credential helpers leak in. */
function gitEnv(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home };
}
