import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import type { RunDocument } from "../report/run-document.js";

/** A run folder written by `cab check --out` and its parsed run.json. */
export interface RunDir {
  dir: string;
  document: RunDocument;
}

/** Read DIR/run.json; a missing, unreadable or foreign file is a ConfigError that names it. */
export async function readRunDir(dir: string): Promise<RunDir> {
  const file = join(resolve(dir), "run.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === "ENOENT";
    throw new ConfigError(
      missing
        ? `${dir} has no run.json: pass the folders written by cab check --out`
        : `cannot read ${file}: ${(cause as Error).message}`,
      { cause },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const document = parsed as Partial<RunDocument> | null;
  const cellsOk =
    Array.isArray(document?.cells) &&
    document.cells.every((c) => typeof c?.run_identity?.cell_id === "string" && c.scorer !== undefined);
  if (document?.provisional !== true || !document.run || !cellsOk) {
    throw new ConfigError(`${file} is not a run.json written by cab check --out`);
  }
  return { dir: resolve(dir), document: document as RunDocument };
}
