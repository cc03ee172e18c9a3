import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { removeDir } from "../../src/workspace/remove-dir.js";
import { bash, canSetImmutable, DEEP_TREE } from "../helpers/odd-tree.js";

let base: string;
let dir: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "cab-remove-"));
  dir = join(base, "cell");
  await mkdir(join(dir, "workspace/src"), { recursive: true });
  await writeFile(join(dir, "workspace/src/a.py"), "a");
});
afterEach(async () => {
  bash(`chattr -R -f -i "${base}"; rm -rf "${base}"`, "/");
});

const IMMUTABLE = canSetImmutable(tmpdir());

describe("removeDir", () => {
  it("removes an ordinary folder", async () => {
    await removeDir(dir);
    expect(existsSync(dir)).toBe(false);
  });

  it("is quiet when the folder is already gone", async () => {
    await rm(dir, { recursive: true });
    await expect(removeDir(dir)).resolves.toBeUndefined();
  });

  it("removes a tree deeper than PATH_MAX", async () => {
    bash(DEEP_TREE, join(dir, "workspace"));
    await removeDir(dir);
    expect(existsSync(dir)).toBe(false);
  });

  it("removes folders without write permission", async () => {
    await chmod(join(dir, "workspace/src"), 0o500);
    await chmod(join(dir, "workspace"), 0o500);
    await removeDir(dir);
    expect(existsSync(dir)).toBe(false);
  });

  it.skipIf(!IMMUTABLE)(
    "removes immutable and append-only entries (skipped: needs root and chattr)",
    async () => {
      bash(
        "chattr +i src/a.py && mkdir log && chattr +a log && chattr +i src && chattr +i .",
        join(dir, "workspace"),
      );
      await removeDir(dir);
      expect(existsSync(dir)).toBe(false);
    },
  );

  it.skipIf(!IMMUTABLE)(
    "removes an immutable folder past PATH_MAX (skipped: needs root and chattr)",
    async () => {
      bash(`${DEEP_TREE} && chattr +i f && chattr +i .`, join(dir, "workspace"));
      await removeDir(dir);
      expect(existsSync(dir)).toBe(false);
    },
  );
});
