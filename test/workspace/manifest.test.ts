import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildManifest, diffManifests } from "../../src/workspace/manifest.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "cab-manifest-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeTree(files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

const BASE = { "src/lib.rs": "fn a() {}\n", "tests/t.rs": "#[test] fn t() {}\n", "README.md": "# task\n" };

describe("buildManifest + diffManifests", () => {
  it.each<[string, (r: string) => Promise<unknown>, string[], string[], string[], boolean]>([
    ["nothing changed", async () => {}, [], [], [], false],
    ["content change", (r) => writeFile(join(r, "src/lib.rs"), "fn b() {}\n"), [], [], ["src/lib.rs"], false],
    ["same content rewritten", (r) => writeFile(join(r, "src/lib.rs"), "fn a() {}\n"), [], [], [], false],
    [
      "file added in a new folder",
      (r) => mkdir(join(r, "a/b"), { recursive: true }).then(() => writeFile(join(r, "a/b/c.txt"), "x")),
      ["a/b/c.txt"],
      [],
      [],
      false,
    ],
    ["file deleted", (r) => unlink(join(r, "tests/t.rs")), [], ["tests/t.rs"], [], false],
    ["folder deleted", (r) => rm(join(r, "tests"), { recursive: true }), [], ["tests/t.rs"], [], false],
    [
      "file replaced by a symlink",
      (r) => unlink(join(r, "README.md")).then(() => symlink("src/lib.rs", join(r, "README.md"))),
      [],
      [],
      ["README.md"],
      false,
    ],
    [
      "target/ at the root is ignored",
      (r) =>
        mkdir(join(r, "target/debug"), { recursive: true }).then(() =>
          writeFile(join(r, "target/debug/app"), "bin"),
        ),
      [],
      [],
      [],
      false,
    ],
    [
      "target/ deep down is ignored",
      (r) =>
        mkdir(join(r, "crates/x/target"), { recursive: true }).then(() =>
          writeFile(join(r, "crates/x/target/a"), "bin"),
        ),
      [],
      [],
      [],
      false,
    ],
    [
      "__pycache__ at depth is ignored",
      (r) =>
        mkdir(join(r, "pkg/sub/__pycache__"), { recursive: true }).then(() =>
          writeFile(join(r, "pkg/sub/__pycache__/m.cpython-311.pyc"), "pyc"),
        ),
      [],
      [],
      [],
      false,
    ],
    [
      "node_modules is ignored",
      (r) =>
        mkdir(join(r, "node_modules/x"), { recursive: true }).then(() =>
          writeFile(join(r, "node_modules/x/i.js"), ""),
        ),
      [],
      [],
      [],
      false,
    ],
    [
      "a name merely containing target counts",
      (r) => writeFile(join(r, "src/target.rs"), "x"),
      ["src/target.rs"],
      [],
      [],
      false,
    ],
    [
      "a nested .git is reported, its contents are not",
      (r) =>
        mkdir(join(r, "vendor/.git"), { recursive: true }).then(() =>
          writeFile(join(r, "vendor/.git/HEAD"), "ref"),
        ),
      [],
      [],
      [],
      true,
    ],
    [
      "the root .git is neither hashed nor reported",
      (r) => mkdir(join(r, ".git")).then(() => writeFile(join(r, ".git/HEAD"), "ref")),
      [],
      [],
      [],
      false,
    ],
  ])("%s", async (_name, change, added, removed, modified, extraGitDir) => {
    await writeTree(BASE);
    const before = await buildManifest(root, []);
    await change(root);
    const after = await buildManifest(root, []);
    expect(diffManifests(before, after)).toEqual({ added, removed, modified, extraGitDir });
  });

  it("applies the task's own ignore_in_diff globs on top of the defaults", async () => {
    await writeTree(BASE);
    const before = await buildManifest(root, ["logs/**", "*.tmp"]);
    await writeTree({ "logs/run.log": "x", "scratch.tmp": "y", "sub/scratch.tmp": "z", "dist/app.js": "w" });
    const diff = diffManifests(before, await buildManifest(root, ["logs/**", "*.tmp"]));
    expect(diff.added).toEqual(["sub/scratch.tmp"]);
  });

  it("hashes file content and records symlinks by target", async () => {
    await writeTree({ "a.txt": "hello" });
    await symlink("a.txt", join(root, "link"));
    const manifest = await buildManifest(root, []);
    expect(manifest.files.get("a.txt")).toBe(
      "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
    );
    expect(manifest.files.get("link")).toBe("link:a.txt");
    expect([...manifest.files.keys()].sort()).toEqual(["a.txt", "link"]);
  });

  it("sorts added, removed and modified paths", async () => {
    await writeTree({ "b.txt": "1", "a.txt": "1", "c/z.txt": "1", "c/y.txt": "1" });
    const before = await buildManifest(root, []);
    await writeTree({ "b.txt": "2", "a.txt": "2", "z-new": "", "m-new": "" });
    await rm(join(root, "c"), { recursive: true });
    expect(diffManifests(before, await buildManifest(root, []))).toEqual({
      added: ["m-new", "z-new"],
      removed: ["c/y.txt", "c/z.txt"],
      modified: ["a.txt", "b.txt"],
      extraGitDir: false,
    });
  });
});
