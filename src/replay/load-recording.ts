import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ConfigError } from "../errors.js";
import type { CellResult, ModelExchange } from "../types.js";

/** A recorded cell and the model exchanges a replay answers from. */
export interface Recording {
  cell: CellResult;
  /** Null when the cell was recorded without them (a cab that did not keep replies yet). */
  exchanges: ModelExchange[] | null;
  /** The file the exchanges were read from. */
  source: string;
}

/**
 * Load `traces/<cell>.jsonl` (exchanges from its `model_exchange` lines, result from the sibling
 * `cells/<cell>.json`) or `cells/<cell>.json` (exchanges from its trace). Reading the exchanges
 * from the file named keeps an edited trace meaningful: replay answers what the file says.
 */
export async function loadRecording(file: string): Promise<Recording> {
  if (file.endsWith(".jsonl")) {
    const lines = (await readText(file)).split("\n").filter((l) => l.trim() !== "");
    const records = lines.map(
      (line, i) => parseJson(line, `${file} line ${i + 1}`) as Record<string, unknown>,
    );
    const exchanges = records
      .filter((r) => r.type === "model_exchange")
      .sort((a, b) => Number(a.call) - Number(b.call))
      .map(({ request, reply }) => ({ request, reply }) as ModelExchange);
    const cellFile = join(dirname(dirname(file)), "cells", `${basename(file, ".jsonl")}.json`);
    const cell = await readCell(cellFile, `the cell's result, ${cellFile}, which replay compares with`);
    const recorded = cell.trace.model_exchanges !== undefined || exchanges.length > 0;
    return { cell, exchanges: recorded ? exchanges : null, source: file };
  }
  const cell = await readCell(file, file);
  return { cell, exchanges: cell.trace.model_exchanges ?? null, source: file };
}

async function readCell(file: string, what: string): Promise<CellResult> {
  const parsed = parseJson(await readText(file, what), file) as Partial<CellResult> & { cells?: unknown };
  if (Array.isArray(parsed?.cells))
    throw new ConfigError(`${file} is a whole run: pass one cell, cells/<cell>.json or traces/<cell>.jsonl`);
  if (!parsed?.run_identity?.cell_id || !parsed.scorer || !parsed.trace)
    throw new ConfigError(`${file} is not a cell result written by cab check --out (cells/<cell>.json)`);
  return parsed as CellResult;
}

async function readText(file: string, what = file): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === "ENOENT";
    throw new ConfigError(
      missing ? `cannot find ${what}` : `cannot read ${file}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${where} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
}
