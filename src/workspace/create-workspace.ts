import { cp, mkdir, mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { buildManifest, type Manifest } from "./manifest.js";

/** Commit identity for the baseline: fixed, so nothing depends on the user's git config. */
const BASELINE_GIT_CONFIG = [
  "user.name=CodingAgentBench",
  "user.email=cab@localhost.invalid",
  "commit.gpgsign=false",
  "init.defaultBranch=main",
  "core.autocrlf=false",
];

export interface Workspace {
  /** The cell's private temp folder: holds workspace/, home/ and tmp/. */
  cellDir: string;
  /** Where the agent works: a git repo with the task's files in a baseline commit. */
  dir: string;
  home: string;
  tmp: string;
  baseline: Manifest;
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
    const git = simpleGit({ baseDir: dir, config: BASELINE_GIT_CONFIG }).env(gitEnv(home));
    await git.init();
    await git.add(["-A"]);
    await git.commit("baseline", undefined, { "--no-verify": null, "--allow-empty": null });
    const baseline = await buildManifest(dir, ignoreInDiff);
    return { cellDir, dir, home, tmp, baseline, remove: () => removeDir(cellDir) };
  } catch (error) {
    await removeDir(cellDir);
    throw error;
  }
}

/** git sees only a private HOME: no user config, hooks or credential helpers leak in. */
function gitEnv(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}
