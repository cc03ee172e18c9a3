import { stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { BundleError } from "../errors.js";
import type { Bundle } from "../types.js";
import { defaultBundleDir, loadBundle } from "./load-bundle.js";

export interface ResolveBundleOptions {
  offline?: boolean;
  cache?: string;
}

/**
 * Load a bundle from `--bundle`: nothing (the shipped tasks), a folder, a `.tar.gz`, or an
 * `https://` URL with an optional `#sha256=<hex>` pin. Archives are extracted once per content hash.
 */
export async function resolveBundle(
  source: string | undefined,
  options: ResolveBundleOptions = {},
): Promise<Bundle & { source: string }> {
  if (!source) return { ...(await loadBundle(defaultBundleDir())), source: "built-in" };
  // Archives and downloads only: undici and modern-tar stay unloaded for the built-in bundle (`cab list` start-up).
  const { cacheDir, fetchBundleArchive, sha256File } = await import("./fetch-bundle.js");
  const cache = options.cache ?? cacheDir();
  if (/^https?:\/\//i.test(source)) {
    const url = new URL(source);
    const pin = url.hash.match(/^#sha256=([0-9a-f]{64})$/i)?.[1] ?? null;
    if (url.hash && !pin)
      throw new BundleError(`--bundle ${source}: the only fragment understood is #sha256=<64 hex digits>`);
    if (url.protocol === "http:" && !isLoopback(url.hostname)) {
      throw new BundleError(
        `--bundle ${source}: use https:// (plain http is accepted only for a server on this machine)`,
      );
    }
    url.hash = "";
    const archive = await fetchBundleArchive({
      url: url.toString(),
      pin,
      offline: options.offline ?? false,
      cache,
    });
    return { ...(await loadArchive(archive.file, archive.sha256, cache)), source: url.toString() };
  }
  const path = resolve(source);
  const info = await stat(path).catch(() => null);
  if (!info) throw new BundleError(`--bundle ${source}: no such file or folder`);
  if (info.isDirectory()) return { ...(await loadBundle(path)), source: path };
  if (!/\.(tar\.gz|tgz)$/i.test(path))
    throw new BundleError(`--bundle ${source}: expected a folder, a .tar.gz or an https:// URL`);
  return { ...(await loadArchive(path, await sha256File(path), cache)), source: path };
}

async function loadArchive(file: string, sha256: string, cache: string): Promise<Bundle> {
  const { bundleRootOf, extractArchive } = await import("./extract-archive.js");
  const target = join(cache, "bundles", sha256);
  // The marker sits beside the folder, not in it: the bundle's digest must be the archive's content alone.
  const complete = `${target}.complete`;
  if (!(await stat(complete).catch(() => null))) {
    await extractArchive(file, target);
    await writeFile(complete, `${sha256}\n`);
  }
  return loadBundle(await bundleRootOf(target));
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\./.test(hostname);
}
