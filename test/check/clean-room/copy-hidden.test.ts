import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyHidden } from "../../../src/check/clean-room/copy-hidden.js";
import { bash } from "../../helpers/odd-tree.js";

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
