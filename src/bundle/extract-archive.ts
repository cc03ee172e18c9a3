import { createReadStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { unpackTar } from "modern-tar/fs";
import { BundleError } from "../errors.js";

/** Limits for untrusted archives: total unpacked bytes and entry count. */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
export const MAX_ENTRIES = 20_000;

const ALLOWED_TYPES = new Set([
  "file",
  "directory",
  "symlink",
  "link",
  "pax-header",
  "pax-global-header",
  "gnu-long-name",
  "gnu-long-link-name",
]);

/**
 * Extract a .tar.gz into `target` (created fresh) and fail closed: absolute paths, `..`, links that
 * leave the tree, devices and oversize archives reject the whole archive. Extraction goes to a
 * temp folder first, so a rejected archive leaves nothing behind.
 */
export async function extractArchive(
  archive: string,
  target: string,
  limits: { maxBytes: number; maxEntries: number } = {
    maxBytes: MAX_UNPACKED_BYTES,
    maxEntries: MAX_ENTRIES,
  },
): Promise<void> {
  const staging = `${target}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  let bytes = 0;
  let entries = 0;
  try {
    await pipeline(
      createReadStream(archive),
      createGunzip(),
      unpackTar(staging, {
        filter(header) {
          entries++;
          bytes += header.size;
          const type = header.type ?? "file";
          if (!ALLOWED_TYPES.has(type))
            throw new Error(`entry ${header.name} is a ${type}, not a file or folder`);
          if (header.name.startsWith("/") || /^[A-Za-z]:[\\/]/.test(header.name))
            throw new Error(`entry ${header.name} has an absolute path`);
          if (header.name.split(/[\\/]/).includes(".."))
            throw new Error(`entry ${header.name} points outside the bundle`);
          if (entries > limits.maxEntries) throw new Error(`more than ${limits.maxEntries} entries`);
          if (bytes > limits.maxBytes) throw new Error(`more than ${limits.maxBytes} bytes unpacked`);
          return true;
        },
      }),
    );
    await rm(target, { recursive: true, force: true });
    await mkdir(dirname(target), { recursive: true });
    await rename(staging, target);
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    throw new BundleError(`refusing bundle archive ${archive}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * The bundle root inside an extracted archive: the folder itself, or its single top folder when the
 * archive wraps the bundle (`tasks/polyglot/x/…`) rather than starting at a category (`polyglot/x/…`).
 */
export async function bundleRootOf(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  const only = entries.length === 1 && entries[0]?.isDirectory() ? join(dir, entries[0].name) : null;
  if (!only) return dir;
  return (await holdsTaskFolders(only)) ? dir : only;
}

async function holdsTaskFolders(dir: string): Promise<boolean> {
  const children = await readdir(dir, { withFileTypes: true });
  for (const child of children) {
    if (child.isDirectory() && (await stat(join(dir, child.name, "task.yaml")).catch(() => null)))
      return true;
  }
  return false;
}
