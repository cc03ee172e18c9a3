import { createHash } from "node:crypto";
import { chmod, mkdir, mkdtemp, open, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_FULL_HASH_MAX_BYTES, DEFAULT_WHOLE_READ_MAX_BYTES } from "../../src/workspace/hash-file.js";
import { buildManifest, diffManifests } from "../../src/workspace/manifest.js";
import { bash, DEEP_NAME, DEEP_TREE, IS_ROOT } from "../helpers/odd-tree.js";

/** Workspaces a model can make with a shell: the walk records each, never throws. */
let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "cab-manifest-odd-"));
  await writeFile(join(root, "lib.py"), "x = 1\n");
});
afterEach(async () => {
  bash(`chmod -R u+rwx "${root}"`, "/");
  bash(`rm -rf "${root}"`, "/");
});

const rawPath = (...parts: (string | number[])[]) =>
  Buffer.concat([Buffer.from(`${root}/`), ...parts.map((p) => Buffer.from(p as string))]);

describe("buildManifest on odd workspaces", () => {
  it("records a name that is not UTF-8 escaped, the same way every time, with its bytes", async () => {
    const before = await buildManifest(root, []);
    await writeFile(rawPath("bad", [0xff], "name"), "x");
    await mkdir(rawPath("dir", [0xfe]));
    await writeFile(rawPath("dir", [0xfe], "/inner.txt"), "y");
    await symlink(Buffer.from([0x6c, 0xff]), rawPath("link"));
    const after = await buildManifest(root, []);
    expect(after.files.get("bad\\xFFname")).toBe(createHash("sha256").update("x").digest("hex"));
    expect(after.files.get("dir\\xFE/inner.txt")).toBe(createHash("sha256").update("y").digest("hex"));
    expect(after.files.get("link")).toBe("link:l\\xFF");
    expect(after.rawPaths.get("dir\\xFE/inner.txt")).toEqual(
      Buffer.from([...Buffer.from("dir"), 0xfe, ...Buffer.from("/inner.txt")]),
    );
    expect(after.rawPaths.has("lib.py")).toBe(false);
    expect(diffManifests(before, after).added).toEqual(["bad\\xFFname", "dir\\xFE/inner.txt", "link"]);
    expect(await buildManifest(root, [])).toEqual(after);
  });

  it("hashes a 3 GB sparse file by its size and samples, and sees a byte changed in its middle", async () => {
    const size = 3 * 1024 ** 3;
    await writeFile(join(root, "big"), "");
    await truncate(join(root, "big"), size);
    const first = (await buildManifest(root, [])).files.get("big");
    expect(first).toMatch(new RegExp(`^sampled:${size}:[0-9a-f]{64}$`));
    const handle = await open(join(root, "big"), "r+");
    await handle.write(Buffer.from("!"), 0, 1, size / 2);
    await handle.close();
    const second = (await buildManifest(root, [])).files.get("big");
    expect(second).toMatch(/^sampled:/);
    expect(second).not.toBe(first);
  });

  it("streams a file past the whole-read size and gets the same sha256 as reading it whole", async () => {
    const content = Buffer.alloc(DEFAULT_WHOLE_READ_MAX_BYTES + 12_345, "ab");
    expect(content.length).toBeLessThan(DEFAULT_FULL_HASH_MAX_BYTES);
    await writeFile(join(root, "mid.bin"), content);
    const manifest = await buildManifest(root, []);
    expect(manifest.files.get("mid.bin")).toBe(createHash("sha256").update(content).digest("hex"));
  });

  it("records a folder past PATH_MAX as an entry that could not be read", async () => {
    bash(DEEP_TREE, root);
    const manifest = await buildManifest(root, []);
    const [deep] = [...manifest.files].filter(([path]) => path.startsWith(DEEP_NAME));
    expect(deep?.[1]).toBe("unreadable:ENAMETOOLONG");
    expect(Buffer.byteLength(`${root}/${deep?.[0]}`)).toBeGreaterThan(4096);
    expect(manifest.unreadable.get(deep?.[0] ?? "")).toBe("ENAMETOOLONG");
    expect(manifest.files.get("lib.py")).toBeDefined();
  });

  it("records fifos, sockets and symlink loops without opening or following them", async () => {
    bash("mkfifo fifo && ln -s loop1 loop2 && ln -s loop2 loop1 && ln -s /dev/zero zero", root);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(root, "sock"), resolve));
    try {
      const manifest = await buildManifest(root, []);
      expect(Object.fromEntries([...manifest.files].filter(([p]) => p !== "lib.py"))).toEqual({
        fifo: "special:fifo",
        loop1: "link:loop2",
        loop2: "link:loop1",
        sock: "special:socket",
        zero: "link:/dev/zero",
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.skipIf(IS_ROOT)(
    "records mode-000 entries as unreadable (not run as root: root reads them)",
    async () => {
      await mkdir(join(root, "shut"));
      await writeFile(join(root, "shut/a"), "a");
      await writeFile(join(root, "secret"), "s");
      await chmod(join(root, "secret"), 0);
      await chmod(join(root, "shut"), 0);
      const manifest = await buildManifest(root, []);
      expect(manifest.files.get("secret")).toBe("unreadable:EACCES");
      expect(manifest.files.get("shut")).toBe("unreadable:EACCES");
    },
  );

  it.runIf(IS_ROOT)("hashes mode-000 entries when run as root, as root reads them", async () => {
    await writeFile(join(root, "secret"), "s");
    await chmod(join(root, "secret"), 0);
    const manifest = await buildManifest(root, []);
    expect(manifest.files.get("secret")).toBe(createHash("sha256").update("s").digest("hex"));
  });

  it("records a workspace the agent deleted as unreadable at the root, with nothing in it", async () => {
    const before = await buildManifest(root, []);
    await rm(root, { recursive: true });
    const after = await buildManifest(root, []);
    expect(after.unreadable.get(".")).toBe("ENOENT");
    expect(diffManifests(before, after).removed).toEqual(["lib.py"]);
    await mkdir(root);
  });

  it("walks 60,000 files", { timeout: 180_000 }, async () => {
    bash(
      "mkdir many && cd many && for d in $(seq 300); do mkdir d$d && (cd d$d && touch $(seq -f f%g 200)); done",
      root,
    );
    const manifest = await buildManifest(root, []);
    expect(manifest.files.size).toBe(60_001);
    expect(manifest.files.get("many/d300/f200")).toBe(createHash("sha256").digest("hex"));
  });
});
