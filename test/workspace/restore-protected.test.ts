import { existsSync } from "node:fs";
import { lstat, mkdir, mkdtemp, readFile, readlink, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildManifest } from "../../src/workspace/manifest.js";
import { copyHidden, restoreProtected } from "../../src/workspace/restore-protected.js";
import { bash, DEEP_NAME, DEEP_TREE } from "../helpers/odd-tree.js";

let base: string;
let bundle: string;
let ws: string;
let outside: string;

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

const FILES = {
  "src/lib.rs": "pub fn f() {}\n",
  "tests/it.rs": "#[test] fn t() {}\n",
  "tests/data/input.txt": "1 2 3\n",
  "Cargo.toml": "[package]\nname = 'x'\n",
};
const PROTECTED = ["tests/**", "Cargo.toml"];

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "cab-restore-"));
  bundle = join(base, "bundle");
  ws = join(base, "ws");
  outside = join(base, "outside");
  await writeTree(bundle, FILES);
  await writeTree(ws, FILES);
  await writeTree(outside, { "keep.txt": "outside\n", "it.rs": "fake\n" });
});
afterEach(async () => {
  bash(`rm -rf "${base}"`, "/");
});

const read = (path: string) => readFile(join(ws, path), "utf8");

describe("restoreProtected", () => {
  it.each<[string, () => Promise<unknown>, string[]]>([
    ["nothing touched", async () => {}, []],
    ["modified protected file", () => writeFile(join(ws, "tests/it.rs"), "// gutted\n"), ["tests/it.rs"]],
    ["deleted protected file", () => unlink(join(ws, "Cargo.toml")), ["Cargo.toml"]],
    [
      "deleted protected folder",
      () => rm(join(ws, "tests"), { recursive: true }),
      ["tests/data/input.txt", "tests/it.rs"],
    ],
    [
      "added file under a protected glob",
      () => writeFile(join(ws, "tests/extra.rs"), "x"),
      ["tests/extra.rs"],
    ],
    [
      "added file deep under a protected glob",
      () => writeTree(ws, { "tests/a/b/c.rs": "x" }),
      ["tests/a/b/c.rs"],
    ],
    ["unprotected change is left alone", () => writeFile(join(ws, "src/lib.rs"), "changed\n"), []],
    [
      "protected file replaced by a directory",
      () => unlink(join(ws, "tests/it.rs")).then(() => writeTree(ws, { "tests/it.rs/inner.rs": "x" })),
      ["tests/it.rs", "tests/it.rs/inner.rs"],
    ],
    [
      "protected file replaced by a symlink to outside",
      () =>
        unlink(join(ws, "tests/it.rs")).then(() => symlink(join(outside, "it.rs"), join(ws, "tests/it.rs"))),
      ["tests/it.rs"],
    ],
    [
      "protected folder's parent replaced by a symlink to outside",
      () => rm(join(ws, "tests"), { recursive: true }).then(() => symlink(outside, join(ws, "tests"))),
      ["tests", "tests/data/input.txt", "tests/it.rs"],
    ],
    [
      "protected folder replaced by a plain file",
      () => rm(join(ws, "tests"), { recursive: true }).then(() => writeFile(join(ws, "tests"), "nope")),
      ["tests", "tests/data/input.txt", "tests/it.rs"],
    ],
    [
      "symlinked folder added under a protected glob",
      () => symlink(outside, join(ws, "tests/linked")),
      ["tests/linked"],
    ],
  ])("%s", async (_name, tamper, differing) => {
    await tamper();
    expect(await restoreProtected(bundle, ws, PROTECTED)).toEqual(differing);
    // afterwards the protected paths are exactly the bundle's, and nothing outside was harmed
    const [want, got] = await Promise.all([buildManifest(bundle, []), buildManifest(ws, [])]);
    const protectedOnly = (m: Map<string, string>) =>
      [...m].filter(([p]) => p.startsWith("tests") || p === "Cargo.toml").sort();
    expect(protectedOnly(got.files)).toEqual(protectedOnly(want.files));
    expect((await lstat(join(ws, "tests"))).isDirectory()).toBe(true);
    expect(await read("tests/it.rs")).toBe(FILES["tests/it.rs"]);
    expect(await readFile(join(outside, "keep.txt"), "utf8")).toBe("outside\n");
    expect(await readFile(join(outside, "it.rs"), "utf8")).toBe("fake\n");
  });

  it("removes an added entry with a name that is not UTF-8 under a protected glob", async () => {
    const odd = Buffer.concat([Buffer.from(`${ws}/tests/`), Buffer.from([0xff]), Buffer.from(".rs")]);
    await writeFile(odd, "x");
    expect(await restoreProtected(bundle, ws, PROTECTED)).toEqual(["tests/\\xFF.rs"]);
    expect(existsSync(odd)).toBe(false);
    expect(await read("tests/it.rs")).toBe(FILES["tests/it.rs"]);
  });

  it("removes an added tree past PATH_MAX under a protected glob", async () => {
    bash(DEEP_TREE, join(ws, "tests"));
    const differing = await restoreProtected(bundle, ws, PROTECTED);
    // The walk stops where the path passes PATH_MAX: that folder is the entry removed, whole.
    expect(differing).toHaveLength(1);
    expect(differing[0]).toMatch(new RegExp(`^tests/${DEEP_NAME}/${DEEP_NAME}/`));
    expect(existsSync(join(ws, "tests", DEEP_NAME))).toBe(false);
  });

  it("keeps unprotected edits", async () => {
    await writeFile(join(ws, "src/lib.rs"), "fixed\n");
    await writeFile(join(ws, "tests/it.rs"), "gutted\n");
    await restoreProtected(bundle, ws, PROTECTED);
    expect(await read("src/lib.rs")).toBe("fixed\n");
  });

  it("restores a protected symlink from the bundle as a symlink", async () => {
    await symlink("it.rs", join(bundle, "tests/alias.rs"));
    await writeFile(join(ws, "tests/alias.rs"), "not a link\n");
    expect(await restoreProtected(bundle, ws, PROTECTED)).toEqual(["tests/alias.rs"]);
    expect(await readlink(join(ws, "tests/alias.rs"))).toBe("it.rs");
  });

  it("does nothing without patterns", async () => {
    await writeFile(join(ws, "tests/it.rs"), "gutted\n");
    expect(await restoreProtected(bundle, ws, [])).toEqual([]);
    expect(await read("tests/it.rs")).toBe("gutted\n");
  });
});

describe("copyHidden", () => {
  it("copies nested files over the workspace and lists them", async () => {
    const hidden = join(base, "hidden");
    await writeTree(hidden, { "tests/hidden_it.rs": "hidden\n", "tests/deep/more/h.txt": "deep\n" });
    await writeFile(join(ws, "tests/hidden_it.rs"), "agent's version\n");
    expect(await copyHidden(hidden, ws)).toEqual(["tests/deep/more/h.txt", "tests/hidden_it.rs"]);
    expect(await read("tests/hidden_it.rs")).toBe("hidden\n");
    expect(await read("tests/deep/more/h.txt")).toBe("deep\n");
  });

  it("replaces a symlink the agent planted where a hidden file goes", async () => {
    const hidden = join(base, "hidden");
    await writeTree(hidden, { "tests/h.rs": "hidden\n" });
    await symlink(join(outside, "keep.txt"), join(ws, "tests/h.rs"));
    await copyHidden(hidden, ws);
    expect(await read("tests/h.rs")).toBe("hidden\n");
    expect(await readFile(join(outside, "keep.txt"), "utf8")).toBe("outside\n");
  });

  it("returns nothing when there is no hidden folder", async () => {
    expect(await copyHidden(join(base, "no-hidden"), ws)).toEqual([]);
    expect(existsSync(join(ws, "no-hidden"))).toBe(false);
  });
});
