import { createWriteStream } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { packTar, type TarSource } from "modern-tar/fs";
import { sha256File } from "./fetch-bundle.js";
import { BUNDLE_SKIPPED_DIRS, loadBundle } from "./load-bundle.js";

/** Fixed metadata, so the same folder always packs to the same bytes (and the same sha256). */
const EPOCH = new Date(0);

/** Validate a bundle folder and write it as a reproducible .tar.gz; returns the archive's sha256. */
export async function packBundle(dir: string, file: string): Promise<{ sha256: string; tasks: number }> {
  const bundle = await loadBundle(dir);
  const sources: TarSource[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      if (BUNDLE_SKIPPED_DIRS.has(entry.name)) continue;
      const path = join(folder, entry.name);
      const target = relative(bundle.root, path).split(sep).join("/");
      if (entry.isDirectory()) await walk(path);
      // Files only, with their content: folders are implied by the paths and come back on extraction.
      else if (entry.isFile()) {
        sources.push({
          type: "content",
          content: await readFile(path),
          target,
          mtime: EPOCH,
          uid: 0,
          gid: 0,
          mode: 0o644,
        });
      }
    }
  };
  await walk(bundle.root);
  const gzip = createGzip({ level: 9 });
  await pipeline(packTar(sources), gzip, createWriteStream(file));
  return { sha256: await sha256File(file), tasks: bundle.tasks.length };
}
