import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "./errors.js";
import { badgeForCell, badgeForRun } from "./report/badge.js";
import { renderHtmlReport } from "./report/html.js";
import { renderJunitXml } from "./report/junit.js";
import type { RunDocument } from "./report/run-document.js";
import { renderSummaryMarkdown } from "./report/summary-md.js";
import type { CellResult } from "./types.js";

/** A file name for a cell id: path separators and odd characters become `_`. */
export function cellFileName(cell: CellResult): string {
  return cell.run_identity.cell_id.replace(/[^A-Za-z0-9._#-]+/g, "_").replace(/#/g, "-");
}

/**
 * Writes `--out DIR` (SPEC §6): run.json after every cell, so an interrupted run keeps what it measured;
 * cells/<cell>.json, traces/<cell>.jsonl and badges/<cell>.svg as each cell ends; report.html, summary.md,
 * junit.xml and badges/run.svg when the run ends. Every byte passes through `redact`.
 */
export function createOutDirWriter(dir: string, redact: (text: string) => string) {
  const ready = Promise.all([
    mkdir(join(dir, "cells"), { recursive: true }),
    mkdir(join(dir, "traces"), { recursive: true }),
    mkdir(join(dir, "badges"), { recursive: true }),
  ]);
  let queue: Promise<void> = Promise.resolve();
  let failure: Error | null = null;
  const write = (file: string, text: string) => atomicWrite(join(dir, file), redact(text));
  // Serialised: a slow write must never let an older run.json land after a newer one.
  const enqueue = (step: () => Promise<unknown>) => {
    queue = queue
      .then(async () => {
        await ready;
        await step();
      })
      .catch((error: Error) => {
        failure ??= error;
      });
    return queue;
  };
  return {
    /** A finished cell: its JSON, its trace and its badge, written once. */
    writeCell(cell: CellResult) {
      const name = cellFileName(cell);
      return enqueue(() =>
        Promise.all([
          write(`cells/${name}.json`, `${JSON.stringify(cell, null, 2)}\n`),
          write(`traces/${name}.jsonl`, traceLines(cell)),
          write(`badges/${name}.svg`, badgeForCell(cell)),
        ]),
      );
    },
    /**
     * run.json after every cell; with `reports`, also the documents rendered from the whole run. Those grow
     * with the run, so rendering them after every cell made a long run quadratic: they come at the end
     * (also of an interrupted run).
     */
    writeRun(document: RunDocument, options: { reports: boolean } = { reports: true }) {
      return enqueue(() =>
        Promise.all([
          write("run.json", `${JSON.stringify(document, null, 2)}\n`),
          ...(options.reports
            ? [
                write("report.html", renderHtmlReport(document)),
                write("summary.md", renderSummaryMarkdown(document)),
                write("junit.xml", renderJunitXml(document)),
                write("badges/run.svg", badgeForRun(document)),
              ]
            : []),
        ]),
      );
    },
    /** Wait for every queued write; the first write error becomes a ConfigError naming the folder. */
    async flush() {
      await queue;
      if (failure)
        throw new ConfigError(`cannot write results to --out ${dir}: ${failure.message}`, { cause: failure });
    },
  };
}

/** One JSON object per line: spans, model calls and model exchanges, each tagged with the cell. */
function traceLines(cell: CellResult): string {
  const cellId = cell.run_identity.cell_id;
  const events = [
    ...cell.trace.spans.map((span) => ({ type: "span", cell_id: cellId, ...span })),
    ...cell.trace.model_calls.map((call) => ({ type: "model_call", cell_id: cellId, ...call })),
    // What `cab replay` answers from: each successful call's request hashes and full reply, in order.
    ...(cell.trace.model_exchanges ?? []).map((exchange, index) => ({
      type: "model_exchange",
      cell_id: cellId,
      call: index + 1,
      ...exchange,
    })),
  ];
  return events.map((e) => JSON.stringify(e)).join("\n") + (events.length ? "\n" : "");
}

async function atomicWrite(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}
