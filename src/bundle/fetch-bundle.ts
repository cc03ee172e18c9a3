import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { EnvHttpProxyAgent, fetch } from "undici";
import { BundleError } from "../errors.js";

/** Largest bundle archive we download. */
export const MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024;

/** `$XDG_CACHE_HOME/codingagentbench` (or ~/.cache/codingagentbench). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "codingagentbench");
}

interface CacheMeta {
  url: string;
  etag: string | null;
  sha256: string;
  fetched_at: string;
}

export interface FetchBundleOptions {
  url: string;
  /** Expected sha256 of the archive (from `#sha256=`). */
  pin: string | null;
  offline: boolean;
  cache?: string;
}

/**
 * The archive for a bundle URL, from the cache when it is still current (ETag) or when offline,
 * otherwise downloaded to a temp file, checked against the pin and moved into place atomically.
 * Returns the archive path and its sha256.
 */
export async function fetchBundleArchive(
  options: FetchBundleOptions,
): Promise<{ file: string; sha256: string }> {
  const dir = join(options.cache ?? cacheDir(), "downloads");
  await mkdir(dir, { recursive: true });
  const key = createHash("sha256").update(options.url).digest("hex").slice(0, 32);
  const file = join(dir, `${key}.tar.gz`);
  const metaFile = `${file}.json`;
  const meta = await readMeta(metaFile, file);

  if (options.offline) {
    if (!meta)
      throw new BundleError(`--offline: ${options.url} is not in the cache (${dir}); run once online first`);
    return verified(file, meta.sha256, options.pin, options.url);
  }
  const dispatcher = new EnvHttpProxyAgent({ headersTimeout: 30_000, bodyTimeout: 120_000 });
  let response: Awaited<ReturnType<typeof fetch>>;
  try {
    response = await fetch(options.url, {
      dispatcher,
      headers: meta?.etag ? { "if-none-match": meta.etag } : {},
      redirect: "follow",
    });
  } catch (cause) {
    if (meta) return verified(file, meta.sha256, options.pin, options.url);
    throw new BundleError(`cannot download bundle ${options.url}: ${describe(cause)}`, { cause });
  }
  if (response.status === 304 && meta) return verified(file, meta.sha256, options.pin, options.url);
  if (!response.ok || !response.body) {
    throw new BundleError(
      `cannot download bundle ${options.url}: HTTP ${response.status} ${response.statusText}`,
    );
  }
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > MAX_DOWNLOAD_BYTES)
    throw new BundleError(
      `bundle ${options.url} is ${declared} bytes, over the ${MAX_DOWNLOAD_BYTES}-byte limit`,
    );

  const temp = `${file}.${process.pid}.partial`;
  try {
    const hash = createHash("sha256");
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > MAX_DOWNLOAD_BYTES)
        throw new BundleError(`bundle ${options.url} is over the ${MAX_DOWNLOAD_BYTES}-byte limit`);
      hash.update(chunk);
      chunks.push(Buffer.from(chunk));
    }
    const sha256 = hash.digest("hex");
    checkPin(sha256, options.pin, options.url);
    await writeFile(temp, Buffer.concat(chunks));
    await rename(temp, file);
    const fresh: CacheMeta = {
      url: options.url,
      etag: response.headers.get("etag"),
      sha256,
      fetched_at: new Date().toISOString(),
    };
    await writeFile(metaFile, `${JSON.stringify(fresh, null, 2)}\n`);
    return { file, sha256 };
  } catch (cause) {
    await rm(temp, { force: true });
    if (cause instanceof BundleError) throw cause;
    throw new BundleError(`cannot download bundle ${options.url}: ${describe(cause)}`, { cause });
  }
}

/** sha256 of a local file, hex. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function readMeta(metaFile: string, file: string): Promise<CacheMeta | null> {
  try {
    const meta = JSON.parse(await readFile(metaFile, "utf8")) as CacheMeta;
    if (!(await stat(file).catch(() => null))) return null;
    return meta;
  } catch {
    return null;
  }
}

/** A cached archive is re-hashed before use: the cache is a folder anyone could have edited. */
async function verified(file: string, recorded: string, pin: string | null, url: string) {
  const sha256 = await sha256File(file);
  if (sha256 !== recorded)
    throw new BundleError(
      `cached bundle for ${url} was modified (sha256 ${sha256}, recorded ${recorded}); delete ${file}`,
    );
  checkPin(sha256, pin, url);
  return { file, sha256 };
}

function checkPin(sha256: string, pin: string | null, url: string): void {
  if (pin && sha256 !== pin.toLowerCase()) {
    throw new BundleError(`bundle ${url} does not match its pin: sha256 ${sha256}, expected ${pin}`);
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ? `${(error as Error).message} (${cause.code})` : (error as Error).message;
}
