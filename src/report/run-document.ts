import { PROVISIONAL_NOTICE } from "../run-cell.js";
import { METHODOLOGY_VERSION } from "../score/composite.js";
import type { CellResult } from "../types.js";
import { CLI_VERSION } from "../version.js";
import { isScored } from "./stats.js";

export interface RunSettings {
  /** Display label: the TUI names joined. */
  tui: string;
  /** Absent in run.json files written before several TUIs per run. */
  tuis?: string[];
  models: string[];
  endpoint_host: string;
  demo: boolean;
  bundle: { source: string; digest: string };
  tasks: string[];
  runs: number;
  concurrency: number;
  /** `--shard i/n` of this run; absent when it was not split. */
  shard?: string;
  limits: Record<string, unknown>;
  /** Set by `cab merge`: where the cells came from and what the reader must know about mixing them. */
  merge?: MergeInfo;
}

/** Provenance of a merged run.json (`cab merge`). */
export interface MergeInfo {
  sources: { dir: string; cells: number; shard: string | null; status: string }[];
  /** Notes on what was reconciled: duplicates dropped, shards missing, bundles that differ. */
  notes: string[];
  /** Set with --allow-mixed: which methodology or task versions were mixed. Reports show it. */
  mixed: string[];
}

export interface RunSummary {
  cells: number;
  completed: number;
  passed: number;
  infra_errors: number;
  timed_out: number;
  skipped: number;
  interrupted: number;
  /** Passed / scored cells; infra errors and skipped cells are left out (SPEC §3). */
  pass_rate: number | null;
  mean_composite: number | null;
}

/** The full result document: `--json` on stdout and run.json in `--out`. */
export interface RunDocument {
  provisional: true;
  notice: string;
  methodology_version: string;
  cli_version: string;
  run: RunSettings & {
    started_at: string;
    ended_at: string | null;
    status: "running" | "completed" | "interrupted" | "failed";
  };
  summary: RunSummary;
  cells: CellResult[];
}

/** Counts over cells; pass rate and composite only over cells that measured the model. */
export function summarize(cells: readonly CellResult[]): RunSummary {
  const count = (status: CellResult["status"]) => cells.filter((c) => c.status === status).length;
  const scored = cells.filter(isScored);
  const passed = scored.filter((c) => c.scorer.pass_rate.pass === 1).length;
  return {
    cells: cells.length,
    completed: count("completed"),
    passed,
    infra_errors: count("infra_error"),
    timed_out: count("timed_out"),
    skipped: count("skipped"),
    interrupted: count("interrupted"),
    pass_rate: scored.length ? passed / scored.length : null,
    mean_composite: scored.length
      ? scored.reduce((sum, c) => sum + c.scorer.composite.composite, 0) / scored.length
      : null,
  };
}

export function buildRunDocument(
  settings: RunSettings,
  timing: { started_at: string; ended_at: string | null; status: RunDocument["run"]["status"] },
  cells: readonly CellResult[],
): RunDocument {
  return {
    provisional: true,
    notice: PROVISIONAL_NOTICE,
    methodology_version: METHODOLOGY_VERSION,
    cli_version: CLI_VERSION,
    run: { ...settings, ...timing },
    summary: summarize(cells),
    cells: [...cells],
  };
}
