import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { prepareCleanRoom } from "../../../src/check/clean-room/prepare-clean-room.js";
import type { WorkspaceDiff } from "../../../src/types.js";

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cab-room-test-"));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const diff = (d: Partial<WorkspaceDiff>): WorkspaceDiff => ({
  added: [],
  removed: [],
  modified: [],
  extraGitDir: false,
  ...d,
});

describe("prepareCleanRoom", () => {
  it("carries the agent's source, never its caches, toolchain files or protected edits, then adds hidden files", async () => {
    const task = await tree({
      "workspace/lib.py": "def f():\n    return 1\n",
      "workspace/tests/test_f.py": "ORIGINAL TEST\n",
      "workspace/old.py": "x = 1\n",
      "hidden/tests/test_hidden.py": "HIDDEN\n",
      "hidden/.cab/grade.py": "GRADER\n",
    });
    const agent = await tree({
      "lib.py": "def f():\n    return 2\n",
      "tests/test_f.py": "EDITED TEST\n",
      "helper.py": "y = 2\n",
      "__pycache__/lib.cpython-311.pyc": "STALE",
      "rust-toolchain.toml": "[toolchain]\n",
      "datetime.py": "FAKE\n",
      ".cab/extra.py": "PLANTED\n",
    });
    await symlink("/etc/passwd", join(agent, "escape.py"));
    const room = await prepareCleanRoom({
      task: { dir: task, protected: ["tests/**"] },
      agentDir: agent,
      diff: diff({
        added: ["helper.py", "rust-toolchain.toml", "datetime.py", ".cab/extra.py", "escape.py"],
        modified: ["lib.py", "tests/test_f.py"],
        removed: ["old.py"],
      }),
    });
    dirs.push(room.dir);
    const read = (p: string) => readFile(join(room.workspace, p), "utf8").catch(() => null);
    expect(await read("lib.py")).toContain("return 2");
    expect(await read("helper.py")).toBe("y = 2\n");
    expect(await read("tests/test_f.py")).toBe("ORIGINAL TEST\n");
    expect(await read("tests/test_hidden.py")).toBe("HIDDEN\n");
    expect(await read(".cab/grade.py")).toBe("GRADER\n");
    for (const gone of [
      "old.py",
      "rust-toolchain.toml",
      "datetime.py",
      ".cab/extra.py",
      "escape.py",
      "__pycache__/lib.cpython-311.pyc",
    ])
      expect(await read(gone), gone).toBeNull();
    expect(room.carried.sort()).toEqual(["helper.py", "lib.py", "old.py"]);
    expect(room.protectedChanged).toEqual(["tests/test_f.py"]);
    expect(room.evidence.map((e) => `${e.kind} ${e.path}`).sort()).toEqual([
      "hidden_path .cab/extra.py",
      "stdlib_shadow datetime.py",
      "toolchain_config rust-toolchain.toml",
    ]);
    expect(room.leftBehind.find((l) => l.path === "escape.py")?.reason).toBe("a link leaving the workspace");
    expect((await stat(room.home)).isDirectory() && (await stat(room.tmp)).isDirectory()).toBe(true);
  });

  it("records a runtime hijack the agent added to a carried file", async () => {
    const task = await tree({ "workspace/src/lib.rs": "pub fn f() {}\n" });
    const agent = await tree({
      "src/lib.rs": '#[used]\n#[link_section = ".init_array"]\nstatic F: extern "C" fn() = f;\n',
    });
    const room = await prepareCleanRoom({
      task: { dir: task, protected: [] },
      agentDir: agent,
      diff: diff({ modified: ["src/lib.rs"] }),
    });
    dirs.push(room.dir);
    expect(room.evidence).toEqual([expect.objectContaining({ kind: "runtime_patch", path: "src/lib.rs" })]);
  });

  it("removes itself", async () => {
    const task = await tree({ "workspace/a.txt": "a" });
    const room = await prepareCleanRoom({
      task: { dir: task, protected: [] },
      agentDir: task,
      diff: diff({}),
    });
    await room.remove();
    await expect(stat(room.dir)).rejects.toThrow();
  });
});
