import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkspace, type Workspace } from "../../src/workspace/create-workspace.js";
import { buildManifest, diffManifests } from "../../src/workspace/manifest.js";

let source: string;
let workspace: Workspace | undefined;

beforeEach(async () => {
  source = await mkdtemp(join(tmpdir(), "cab-source-"));
  const files: Record<string, string> = {
    "README.md": "# Fix the bug\n",
    "src/lib.rs": "pub fn f() {}\n",
    "tests/it.rs": "#[test] fn t() {}\n",
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(source, path)), { recursive: true });
    await writeFile(join(source, path), content);
  }
});
afterEach(async () => {
  await workspace?.remove();
  workspace = undefined;
  await rm(source, { recursive: true, force: true });
});

/** git in the workspace with a private HOME, as an agent's bash tool would run it. */
function git(ws: Workspace, ...args: string[]) {
  const result = spawnSync("git", args, {
    cwd: ws.dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: ws.home, GIT_CONFIG_NOSYSTEM: "1" },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout.trim();
}

const diffNow = async (ws: Workspace, ignore: string[] = []) =>
  diffManifests(ws.baseline, await buildManifest(ws.dir, ignore));

describe("createWorkspace", () => {
  it("lays the files into a git repo with one baseline commit by a fixed author", async () => {
    workspace = await createWorkspace(source, []);
    expect(workspace.dir).toBe(join(workspace.cellDir, "workspace"));
    expect(existsSync(workspace.home) && existsSync(workspace.tmp)).toBe(true);
    expect(git(workspace, "log", "--format=%an <%ae>|%s")).toBe(
      "CodingAgentBench <cab@localhost.invalid>|baseline",
    );
    expect(git(workspace, "ls-files").split("\n")).toEqual(["README.md", "src/lib.rs", "tests/it.rs"]);
    expect(git(workspace, "status", "--porcelain")).toBe("");
    expect([...workspace.baseline.files.keys()].sort()).toEqual(["README.md", "src/lib.rs", "tests/it.rs"]);
  });

  it("works from an empty source folder", async () => {
    const empty = join(source, "empty");
    await mkdir(empty);
    workspace = await createWorkspace(empty, []);
    expect(workspace.baseline.files.size).toBe(0);
    expect(git(workspace, "rev-list", "--count", "HEAD")).toBe("1");
  });

  it("remove() deletes the whole cell folder", async () => {
    const ws = await createWorkspace(source, []);
    await ws.remove();
    expect(existsSync(ws.cellDir)).toBe(false);
  });

  it("throws when the source does not exist", async () => {
    await expect(createWorkspace(join(source, "missing"), [])).rejects.toThrow(/ENOENT/);
  });

  it.each<
    [string, (ws: Workspace) => Promise<unknown>, { added: string[]; removed: string[]; modified: string[] }]
  >([
    [
      "change, add and delete",
      async (ws) => {
        await writeFile(join(ws.dir, "src/lib.rs"), "pub fn f() { 1 }\n");
        await writeFile(join(ws.dir, "NOTES.md"), "notes\n");
        await unlink(join(ws.dir, "tests/it.rs"));
      },
      { added: ["NOTES.md"], removed: ["tests/it.rs"], modified: ["src/lib.rs"] },
    ],
    [
      "agent deletes .git after editing",
      async (ws) => {
        await writeFile(join(ws.dir, "src/lib.rs"), "changed\n");
        await rm(join(ws.dir, ".git"), { recursive: true });
      },
      { added: [], removed: [], modified: ["src/lib.rs"] },
    ],
    [
      "agent commits and amends the baseline away",
      async (ws) => {
        await writeFile(join(ws.dir, "tests/it.rs"), "// no tests\n");
        git(ws, "add", "-A");
        git(ws, "-c", "user.name=a", "-c", "user.email=a@b", "commit", "--amend", "-m", "baseline");
        expect(git(ws, "status", "--porcelain")).toBe("");
        expect(git(ws, "rev-list", "--count", "HEAD")).toBe("1");
      },
      { added: [], removed: [], modified: ["tests/it.rs"] },
    ],
    [
      "agent resets to an orphan branch",
      async (ws) => {
        git(ws, "checkout", "-q", "--orphan", "fresh");
        git(ws, "rm", "-rq", "--cached", ".");
        await rm(join(ws.dir, "README.md"));
      },
      { added: [], removed: ["README.md"], modified: [] },
    ],
    [
      "build outputs are not changes",
      async (ws) => {
        await mkdir(join(ws.dir, "target/debug"), { recursive: true });
        await writeFile(join(ws.dir, "target/debug/app"), "bin");
        await mkdir(join(ws.dir, "py/pkg/__pycache__"), { recursive: true });
        await writeFile(join(ws.dir, "py/pkg/__pycache__/m.pyc"), "pyc");
      },
      { added: [], removed: [], modified: [] },
    ],
  ])("diff against the baseline: %s", async (_name, act, expected) => {
    workspace = await createWorkspace(source, []);
    await act(workspace);
    expect(await diffNow(workspace)).toEqual({ ...expected, extraGitDir: false });
  });

  it("a nested git init sets extraGitDir", async () => {
    workspace = await createWorkspace(source, []);
    await mkdir(join(workspace.dir, "vendor/lib"), { recursive: true });
    git(workspace, "-C", "vendor/lib", "init", "-q");
    const diff = await diffNow(workspace);
    expect(diff.extraGitDir).toBe(true);
    expect(diff.added).toEqual([]);
  });

  it("honours the task's ignore_in_diff in the baseline and later", async () => {
    await writeFile(join(source, "gen.log"), "before\n");
    workspace = await createWorkspace(source, ["*.log"]);
    expect(workspace.baseline.files.has("gen.log")).toBe(false);
    await writeFile(join(workspace.dir, "gen.log"), "after\n");
    expect(await diffNow(workspace, ["*.log"])).toEqual({
      added: [],
      removed: [],
      modified: [],
      extraGitDir: false,
    });
  });
});
