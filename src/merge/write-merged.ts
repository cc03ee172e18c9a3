import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../errors.js";
import { cellFileName, createOutDirWriter } from "../out-dir.js";
import type { MergeResult } from "./merge-runs.js";

/**
 * Write a merged run like `check --out` would: run.json, every report, cells/, badges/; then each
 * cell's recorded trace is copied from the folder it came from (byte for byte, replaces the one
 * rendered from the cell), so `cab replay` works on the merged folder.
 */
export async function writeMergedRun(result: MergeResult, out: string): Promise<{ tracesCopied: number }> {
  const writer = createOutDirWriter(out, (text) => text);
  for (const cell of result.document.cells) void writer.writeCell(cell);
  void writer.writeRun(result.document, { reports: true });
  await writer.flush();
  let tracesCopied = 0;
  for (const cell of result.document.cells) {
    const from = result.origin.get(cell.run_identity.cell_id);
    if (!from) continue;
    const name = `${cellFileName(cell)}.jsonl`;
    try {
      await copyFile(join(from, "traces", name), join(out, "traces", name));
      tracesCopied++;
    } catch (error) {
      // A folder without its traces (copied run.json only) still merges: the rendered trace stays.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT")
        throw new ConfigError(
          `cannot copy the trace of ${cell.run_identity.cell_id}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
    }
  }
  return { tracesCopied };
}
