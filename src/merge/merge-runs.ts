import { ConfigError } from "../errors.js";
import { buildRunDocument, type RunDocument, type RunSettings } from "../report/run-document.js";
import type { CellResult } from "../types.js";
import { describeMixing, missingShards } from "./merge-checks.js";
import type { RunDir } from "./read-run-dir.js";

export interface MergeOptions {
  /** Keep cells scored under different methodology or task versions (reports say so). */
  allowMixed: boolean;
  /** Two different cells with one id: keep the one that ended last instead of refusing. */
  preferLatest: boolean;
}

export interface MergeResult {
  document: RunDocument;
  /** The folder each kept cell came from (by cell id), for copying its trace. */
  origin: Map<string, string>;
}

/**
 * Several `--out` folders into one run document. Cells are keyed by cell id: identical copies are
 * kept once; different ones are refused unless `preferLatest`; mixed methodology or task versions
 * are refused unless `allowMixed`, and then recorded in `run.merge.mixed` for the reports.
 */
export function mergeRuns(sources: readonly RunDir[], options: MergeOptions): MergeResult {
  if (sources.length === 0) throw new ConfigError("nothing to merge: name at least one folder");
  const notes: string[] = [];
  const kept = new Map<string, { cell: CellResult; dir: string }>();
  const conflicts: string[] = [];
  for (const { dir, document } of sources) {
    for (const cell of document.cells) {
      const id = cell.run_identity.cell_id;
      const earlier = kept.get(id);
      if (!earlier) {
        kept.set(id, { cell, dir });
      } else if (JSON.stringify(earlier.cell) === JSON.stringify(cell)) {
        notes.push(`${id} is in both ${earlier.dir} and ${dir}, identical: kept once`);
      } else if (options.preferLatest) {
        const later = cell.timing.ended_at > earlier.cell.timing.ended_at ? { cell, dir } : earlier;
        const dropped = later === earlier ? dir : earlier.dir;
        kept.set(id, later);
        notes.push(
          `${id} differs between ${earlier.dir} and ${dir}: kept the later one (${later.dir}), dropped ${dropped}'s`,
        );
      } else {
        conflicts.push(`${id} (in ${earlier.dir} and ${dir})`);
      }
    }
  }
  if (conflicts.length > 0) {
    throw new ConfigError(
      `${conflicts.length} cell id(s) were measured twice with different results:\n  ${conflicts.slice(0, 10).join("\n  ")}\n` +
        "merge only one copy of each shard, or pass --prefer-latest to keep the copy that ended last",
    );
  }
  const cells = [...kept.values()].map((k) => k.cell).sort((a, b) => compareIds(a, b));
  const mixed = describeMixing(cells, kept);
  if (mixed.length > 0 && !options.allowMixed) {
    throw new ConfigError(
      `refusing to merge cells that are not comparable:\n  ${mixed.join("\n  ")}\n` +
        "re-run them under one version (or rescore with cab score), or pass --allow-mixed to merge anyway (the reports then say MIXED)",
    );
  }
  notes.push(...missingShards(sources));
  const digests = unique(sources.map((s) => s.document.run.bundle.digest));
  if (digests.length > 1) notes.push(`the folders used ${digests.length} different bundles (digests differ)`);

  const settings = mergeSettings(sources, { notes, mixed });
  const runs = sources.map((s) => s.document.run);
  const ended = runs.map((r) => r.ended_at);
  const document = buildRunDocument(
    settings,
    {
      started_at: runs.map((r) => r.started_at).sort()[0] as string,
      ended_at: ended.includes(null) ? null : ((ended as string[]).sort().at(-1) ?? null),
      status: mergedStatus(runs.map((r) => r.status)),
    },
    cells,
  );
  return { document, origin: new Map([...kept].map(([id, k]) => [id, k.dir])) };
}

function mergeSettings(sources: readonly RunDir[], merge: { notes: string[]; mixed: string[] }): RunSettings {
  const runs = sources.map((s) => s.document.run);
  const first = runs[0] as RunSettings;
  const tuis = unique(runs.flatMap((r) => r.tuis ?? r.tui.split(", ")));
  const bundles = unique(runs.map((r) => `${r.bundle.source} ${r.bundle.digest}`));
  return {
    tui: tuis.join(", "),
    tuis,
    models: unique(runs.flatMap((r) => r.models)),
    endpoint_host: unique(runs.map((r) => r.endpoint_host)).join(", "),
    demo: runs.some((r) => r.demo),
    bundle:
      bundles.length === 1
        ? first.bundle
        : { source: unique(runs.map((r) => r.bundle.source)).join(", "), digest: "mixed" },
    tasks: unique(runs.flatMap((r) => r.tasks)).sort(),
    runs: Math.max(...runs.map((r) => r.runs)),
    concurrency: Math.max(...runs.map((r) => r.concurrency)),
    limits: first.limits,
    merge: {
      sources: sources.map(({ dir, document }) => ({
        dir,
        cells: document.cells.length,
        shard: document.run.shard ?? null,
        status: document.run.status,
      })),
      ...merge,
    },
  };
}

/** The least finished status wins: a merged run is only as complete as its weakest part. */
function mergedStatus(statuses: RunDocument["run"]["status"][]): RunDocument["run"]["status"] {
  for (const status of ["failed", "interrupted", "running"] as const)
    if (statuses.includes(status)) return status;
  return "completed";
}

function compareIds(a: CellResult, b: CellResult): number {
  const x = a.run_identity.cell_id;
  const y = b.run_identity.cell_id;
  return x < y ? -1 : x > y ? 1 : 0;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
