import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  editWorkspaceFile,
  MAX_READ_BYTES,
  MAX_WRITE_BYTES,
  readWorkspaceFile,
  writeWorkspaceFile,
} from "../../../src/agent/builtin/file-tools.js";
import { ToolInputError } from "../../../src/agent/builtin/workspace-path.js";

let base: string;
let root: string;
let outside: string;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), "cab-files-")));
  root = join(base, "ws");
  outside = join(base, "outside");
  await mkdir(join(root, "src"), { recursive: true });
  await mkdir(outside);
  await writeFile(join(root, "src/lib.rs"), "fn a() {}\nfn b() {}\nfn a2() {}\n");
  await writeFile(join(root, "image.bin"), Buffer.from([0x89, 0x50, 0x00, 0x47]));
  await writeFile(join(root, "big.txt"), "x".repeat(MAX_READ_BYTES + 1));
  await writeFile(join(root, "limit.txt"), "y".repeat(MAX_READ_BYTES));
  await writeFile(join(outside, "secret.txt"), "secret\n");
  await symlink(join(outside, "secret.txt"), join(root, "leak.txt"));
  await symlink(outside, join(root, "out"));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function expectToolError(attempt: Promise<unknown>, message: RegExp) {
  await expect(attempt).rejects.toBeInstanceOf(ToolInputError);
  await expect(attempt).rejects.toThrow(message);
}

describe("readWorkspaceFile", () => {
  it("returns the text", async () => {
    expect(await readWorkspaceFile(root, { path: "src/lib.rs" })).toBe("fn a() {}\nfn b() {}\nfn a2() {}\n");
  });

  it("reads a file of exactly the limit", async () => {
    expect((await readWorkspaceFile(root, { path: "limit.txt" })).length).toBe(MAX_READ_BYTES);
  });

  it.each([
    ["missing.txt", /does not exist/],
    ["src", /is a directory/],
    ["image.bin", /binary file/],
    ["big.txt", new RegExp(`${MAX_READ_BYTES + 1} bytes, over the ${MAX_READ_BYTES}-byte limit`)],
    ["../outside/secret.txt", /outside the workspace/],
    ["leak.txt", /leads outside/],
    ["out/secret.txt", /leads outside/],
  ])("%s is refused", async (path, message) => {
    await expectToolError(readWorkspaceFile(root, { path }), message);
  });
});

describe("writeWorkspaceFile", () => {
  it("creates parent folders and reports the byte count", async () => {
    expect(await writeWorkspaceFile(root, { path: "a/b/c/new.txt", content: "héllo" })).toBe(
      "wrote 6 bytes to a/b/c/new.txt",
    );
    expect(await readFile(join(root, "a/b/c/new.txt"), "utf8")).toBe("héllo");
  });

  it("overwrites an existing file", async () => {
    await writeWorkspaceFile(root, { path: "src/lib.rs", content: "" });
    expect(await readFile(join(root, "src/lib.rs"), "utf8")).toBe("");
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["through a symlinked folder", { path: "out/planted.txt", content: "x" }, /leads outside/],
    [
      "through a symlinked folder, new subfolder",
      { path: "out/d/planted.txt", content: "x" },
      /leads outside/,
    ],
    ["over a symlink to a file outside", { path: "leak.txt", content: "x" }, /leads outside/],
    ["with ..", { path: "../outside/planted.txt", content: "x" }, /outside the workspace/],
    ["absolute", { path: "/tmp/cab-never-planted.txt", content: "x" }, /must be relative/],
    ["without content", { path: "x.txt" }, /content must be a string/],
    [
      "over the size limit",
      { path: "x.txt", content: "z".repeat(MAX_WRITE_BYTES + 1) },
      /over the .*-byte limit/,
    ],
  ])("refused %s", async (_name, args, message) => {
    await expectToolError(writeWorkspaceFile(root, args), message);
    expect(existsSync(join(outside, "planted.txt"))).toBe(false);
    expect(existsSync(join(outside, "d"))).toBe(false);
    expect(existsSync(join(root, "x.txt"))).toBe(false);
    expect(existsSync("/tmp/cab-never-planted.txt")).toBe(false);
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret\n");
  });
});

describe("editWorkspaceFile", () => {
  it.each([
    ["replaces one unique occurrence", "fn b() {}", "fn b() { 2 }", "fn a() {}\nfn b() { 2 }\nfn a2() {}\n"],
    ["can delete text", "fn b() {}\n", "", "fn a() {}\nfn a2() {}\n"],
    [
      "treats $ in the replacement literally",
      "fn b() {}",
      'let s = "$&$1";',
      'fn a() {}\nlet s = "$&$1";\nfn a2() {}\n',
    ],
  ])("%s", async (_name, oldString, newString, expected) => {
    expect(
      await editWorkspaceFile(root, { path: "src/lib.rs", old_string: oldString, new_string: newString }),
    ).toBe("edited src/lib.rs");
    expect(await readFile(join(root, "src/lib.rs"), "utf8")).toBe(expected);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      "not found",
      { path: "src/lib.rs", old_string: "fn c()", new_string: "" },
      /was not found in src\/lib.rs/,
    ],
    ["not unique", { path: "src/lib.rs", old_string: "fn a", new_string: "fn z" }, /more than once/],
    ["empty old_string", { path: "src/lib.rs", old_string: "", new_string: "x" }, /must not be empty/],
    ["missing new_string", { path: "src/lib.rs", old_string: "fn b" }, /new_string must be a string/],
    ["missing file", { path: "nope.rs", old_string: "a", new_string: "b" }, /does not exist/],
    ["file outside", { path: "leak.txt", old_string: "secret", new_string: "pwned" }, /leads outside/],
  ])("refuses: %s", async (_name, args, message) => {
    await expectToolError(editWorkspaceFile(root, args), message);
    expect(await readFile(join(root, "src/lib.rs"), "utf8")).toBe("fn a() {}\nfn b() {}\nfn a2() {}\n");
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret\n");
  });
});
