import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findExecutable } from "../../src/exec/find-executable.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cab-find-exe-"));
  for (const sub of ["a", "b"]) await mkdir(join(dir, sub));
  await writeFile(join(dir, "a", "tool"), "not executable\n");
  await writeFile(join(dir, "b", "tool"), "#!/bin/sh\n");
  await chmod(join(dir, "b", "tool"), 0o755);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("findExecutable", () => {
  it("returns the first executable on PATH, passing over a file that is not executable", () => {
    expect(findExecutable("tool", `${join(dir, "a")}:${join(dir, "b")}`)).toBe(join(dir, "b", "tool"));
  });

  it("skips relative PATH entries (they depend on where cab was started) and empty ones", () => {
    const relativeB = relative(process.cwd(), join(dir, "b"));
    expect(findExecutable("tool", `${relativeB}::.`)).toBeNull();
  });

  it("is null when nothing is found or there is no PATH", () => {
    expect(findExecutable("no-such-tool-here", `${join(dir, "b")}:/usr/bin`)).toBeNull();
    expect(findExecutable("tool", undefined)).toBeNull();
    expect(findExecutable("sh", "/usr/bin:/bin")).toMatch(/\/sh$/);
  });
});
