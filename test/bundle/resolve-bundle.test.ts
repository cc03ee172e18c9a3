import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { packTar, type TarEntry } from "modern-tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractArchive } from "../../src/bundle/extract-archive.js";
import { loadBundle } from "../../src/bundle/load-bundle.js";
import { packBundle } from "../../src/bundle/pack-bundle.js";
import { resolveBundle } from "../../src/bundle/resolve-bundle.js";

const SHIPPED = fileURLToPath(new URL("../../tasks/", import.meta.url));
/** A copy of two shipped tasks: a bundle nobody edits while the test runs. */
let bundleDir: string;
let scratch: string;
let archive: Buffer;
let sha256: string;
let server: Server;
let base: string;
const hits: { path: string; ifNoneMatch: string | undefined }[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cab-bundle-"));
  bundleDir = join(scratch, "bundle");
  for (const id of ["polyglot/js-async-foreach", "polyglot/python-reverse-string"]) {
    await cp(join(SHIPPED, id), join(bundleDir, id), { recursive: true });
  }
  const file = join(scratch, "tasks.tar.gz");
  sha256 = (await packBundle(bundleDir, file)).sha256;
  archive = await readFile(file);
  server = createServer((req, res) => {
    hits.push({ path: req.url ?? "", ifNoneMatch: req.headers["if-none-match"] as string | undefined });
    if (req.url === "/tasks.tar.gz") {
      if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304).end();
      return void res.writeHead(200, { etag: '"v1"', "content-type": "application/gzip" }).end(archive);
    }
    res.writeHead(404).end("no");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(scratch, { recursive: true, force: true });
});

async function freshCache() {
  return mkdtemp(join(scratch, "cache-"));
}

describe("bundle archives", () => {
  it("packs reproducibly: the same folder gives the same sha256, and the archive loads the same tasks", async () => {
    const again = await packBundle(bundleDir, join(scratch, "again.tar.gz"));
    expect(again.sha256).toBe(sha256);
    const fromArchive = await resolveBundle(join(scratch, "again.tar.gz"), { cache: await freshCache() });
    const fromFolder = await loadBundle(bundleDir);
    expect(fromArchive.tasks.map((t) => t.id)).toEqual(fromFolder.tasks.map((t) => t.id));
    expect(fromArchive.digest).toBe(fromFolder.digest);
  });

  it("downloads over loopback, caches, revalidates with the ETag, and works --offline", async () => {
    const cache = await freshCache();
    hits.length = 0;
    const first = await resolveBundle(`${base}/tasks.tar.gz#sha256=${sha256}`, { cache });
    expect(first.tasks.map((t) => t.id)).toEqual([
      "polyglot/js-async-foreach",
      "polyglot/python-reverse-string",
    ]);
    const second = await resolveBundle(`${base}/tasks.tar.gz`, { cache });
    expect(second.digest).toBe(first.digest);
    expect(hits.map((h) => h.ifNoneMatch)).toEqual([undefined, '"v1"']);
    const offline = await resolveBundle(`${base}/tasks.tar.gz#sha256=${sha256}`, { cache, offline: true });
    expect(offline.digest).toBe(first.digest);
    expect(hits).toHaveLength(2);
  });

  it.each([
    ["a wrong pin", (u: string) => `${u}/tasks.tar.gz#sha256=${"0".repeat(64)}`, /does not match its pin/],
    ["a malformed fragment", (u: string) => `${u}/tasks.tar.gz#md5=abc`, /#sha256=<64 hex digits>/],
    ["an HTTP error", (u: string) => `${u}/missing.tar.gz`, /HTTP 404/],
    ["plain http to another host", () => "http://example.invalid/tasks.tar.gz", /use https:\/\//],
  ])("refuses %s and caches nothing", async (_name, url, message) => {
    const cache = await freshCache();
    await expect(resolveBundle(url(base), { cache })).rejects.toThrow(message);
    expect(await readdir(cache).catch(() => [])).not.toContain("bundles");
  });

  it("--offline without a cached copy says so", async () => {
    await expect(
      resolveBundle(`${base}/tasks.tar.gz`, { cache: await freshCache(), offline: true }),
    ).rejects.toThrow(/not in the cache/);
  });

  it("a tampered cached archive is detected", async () => {
    const cache = await freshCache();
    await resolveBundle(`${base}/tasks.tar.gz`, { cache });
    const downloads = join(cache, "downloads");
    const [cached] = (await readdir(downloads)).filter((f) => f.endsWith(".tar.gz"));
    await writeFile(join(downloads, cached as string), gzipSync(Buffer.from("tampered")));
    await expect(resolveBundle(`${base}/tasks.tar.gz`, { cache, offline: true })).rejects.toThrow(
      /was modified/,
    );
  });
});

describe("crafted archives are refused whole", () => {
  const file = (name: string, body = "x"): TarEntry => ({
    header: { name, size: Buffer.byteLength(body), type: "file" },
    body,
  });
  it.each([
    ["a .. path", [file("polyglot/ok.txt"), file("../escaped.txt")], /outside/],
    ["an absolute path", [file("/tmp/escaped.txt")], /absolute path/],
    [
      "a symlink out of the tree",
      [{ header: { name: "link", size: 0, type: "symlink", linkname: "/etc" } }],
      /outside/,
    ],
    [
      "a hard link out of the tree",
      [{ header: { name: "hard", size: 0, type: "link", linkname: "/etc/passwd" } }],
      /outside/,
    ],
    ["a device file", [{ header: { name: "null", size: 0, type: "character-device" } }], /character-device/],
  ] as [string, TarEntry[], RegExp][])("%s", async (_name, entries, message) => {
    const cache = await freshCache();
    const crafted = join(scratch, `crafted-${Math.random().toString(36).slice(2)}.tar.gz`);
    await writeFile(crafted, gzipSync(await packTar(entries)));
    await expect(resolveBundle(crafted, { cache })).rejects.toThrow(message);
    expect(await readdir(join(cache, "bundles")).catch(() => [])).toEqual([]);
  });
});

describe("archive limits", () => {
  it.each([
    ["bytes", { maxBytes: 1024, maxEntries: 100 }, /more than 1024 bytes unpacked/],
    ["entries", { maxBytes: 1 << 20, maxEntries: 2 }, /more than 2 entries/],
  ])("an archive over the %s limit is refused and leaves nothing", async (_name, limits, message) => {
    const body = "y".repeat(700);
    const entries: TarEntry[] = ["a", "b", "c"].map((name) => ({
      header: { name, size: body.length, type: "file" },
      body,
    }));
    const crafted = join(scratch, `big-${Math.random().toString(36).slice(2)}.tar.gz`);
    await writeFile(crafted, gzipSync(await packTar(entries)));
    const target = join(scratch, `out-${Math.random().toString(36).slice(2)}`);
    await expect(extractArchive(crafted, target, limits)).rejects.toThrow(message);
    expect(await readdir(target).catch(() => "absent")).toBe("absent");
  });
});
