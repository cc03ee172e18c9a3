import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveWorkspacePath, ToolInputError } from "../../../src/agent/builtin/workspace-path.js";

let base: string;
let root: string;
let outside: string;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), "cab-path-")));
  root = join(base, "ws");
  outside = join(base, "outside");
  await mkdir(join(root, "src/deep"), { recursive: true });
  await mkdir(outside);
  await writeFile(join(root, "src/a.txt"), "a");
  await writeFile(join(outside, "secret.txt"), "s");
  await symlink(outside, join(root, "out-dir"));
  await symlink(join(outside, "secret.txt"), join(root, "out-file"));
  await symlink(join(outside, "not-yet.txt"), join(root, "dangling-out"));
  await symlink("src", join(root, "in-dir"));
  await symlink("../ws/src/a.txt", join(root, "in-file"));
  await symlink("src/later.txt", join(root, "dangling-in"));
  await symlink(join(outside, "no-dir"), join(root, "dangling-out-dir"));
  await symlink("loop", join(root, "loop"));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe("resolveWorkspacePath", () => {
  it.each([
    ["src/a.txt", "src/a.txt"],
    ["./src/a.txt", "src/a.txt"],
    ["src/deep/../a.txt", "src/a.txt"],
    ["src/new/file.txt", "src/new/file.txt"],
    ["brand-new.txt", "brand-new.txt"],
    [".", ""],
    ["in-dir/a.txt", "src/a.txt"],
    ["in-dir/new.txt", "src/new.txt"],
    ["in-file", "src/a.txt"],
    // a dangling link is judged by where a write through it would land
    ["dangling-in", "src/later.txt"],
  ])("%s resolves to <root>/%s", async (path, expected) => {
    expect(await resolveWorkspacePath(root, path)).toBe(join(root, expected));
  });

  it.each([
    ["..", /outside the workspace/],
    ["../outside/secret.txt", /outside the workspace/],
    ["src/../../outside/secret.txt", /outside the workspace/],
    ["/etc/passwd", /must be relative/],
    ["out-file", /leads outside/],
    ["out-dir/secret.txt", /leads outside/],
    ["out-dir/new.txt", /leads outside/],
    ["out-dir/new/deeper.txt", /leads outside/],
    ["dangling-out", /leads outside/],
    ["dangling-out-dir/new.txt", /leads outside/],
    ["loop", /symlink loop/],
    ["", /non-empty string/],
    ["   ", /non-empty string/],
    [42, /non-empty string/],
    [undefined, /non-empty string/],
  ])("%j is refused", async (path, message) => {
    const attempt = resolveWorkspacePath(root, path);
    await expect(attempt).rejects.toBeInstanceOf(ToolInputError);
    await expect(attempt).rejects.toThrow(message);
  });
});
