import type { CellResult } from "../types.js";
import { renderColumns } from "./columns.js";
import type { RunDocument } from "./run-document.js";
import { AXES, type Axis, axisStats, halfWidth, isScored, type MeanWithCi } from "./stats.js";

/** ✓ every scored run passed · ✗ none did · ◐ some did · · not run · ! only infra errors. */
export type TaskMark = "✓" | "✗" | "◐" | "·" | "!";

export const MARK_LEGEND = "✓ all runs passed · ◐ some · ✗ none · ! infra error, not counted · · not run";

/** Axis names as on the cell page. */
export const AXIS_LABELS: Record<Axis, string> = {
  pass: "Pass",
  tokens_per_correct: "Tokens/correct",
  wall_clock_ms: "Wall",
  blast_radius: "Blast",
  refusal: "Refusal",
  integrity: "Integrity",
  composite: "Composite",
};

/** One task of one (tui, model): its mark and the runs behind it. */
export interface TaskOutcome {
  task_id: string;
  mark: TaskMark;
  passed: number;
  scored: number;
  infra_errors: number;
}

/** One (tui, model) over every task and run of the document. */
export interface ComparisonRow {
  tui: string;
  model: string;
  scored: number;
  passed: number;
  infra_errors: number;
  skipped: number;
  interrupted: number;
  /** Mean ± 95% CI over the scored cells (all tasks and runs). */
  axes: Record<Axis, MeanWithCi | null>;
  /** One per task, in `Comparison.tasks` order. */
  tasks: TaskOutcome[];
}

export interface Comparison {
  tasks: string[];
  /** Show ± half-widths: the run repeated each cell. */
  withCi: boolean;
  rows: ComparisonRow[];
}

/** The comparison as data: one row per (tui, model), in first-seen order. */
export function buildComparison(document: Pick<RunDocument, "run" | "cells">): Comparison {
  const tasks = unique([...document.run.tasks, ...document.cells.map((c) => c.run_identity.task_id)]);
  const byModel = new Map<string, CellResult[]>();
  for (const model of document.run.models) {
    for (const tui of document.run.tuis ?? [document.run.tui]) byModel.set(JSON.stringify([tui, model]), []);
  }
  for (const cell of document.cells) {
    const key = JSON.stringify([cell.run_identity.tui, cell.run_identity.model]);
    const group = byModel.get(key);
    if (group) group.push(cell);
    else byModel.set(key, [cell]);
  }
  const rows = [...byModel.entries()].map(([key, cells]) => {
    const [tui, model] = JSON.parse(key) as [string, string];
    const scored = cells.filter(isScored);
    const count = (status: CellResult["status"]) => cells.filter((c) => c.status === status).length;
    return {
      tui,
      model,
      scored: scored.length,
      passed: scored.filter((c) => c.scorer.pass_rate.pass === 1).length,
      infra_errors: count("infra_error"),
      skipped: count("skipped"),
      interrupted: count("interrupted"),
      axes: Object.fromEntries(AXES.map((axis) => [axis, axisStats(scored, axis)])) as ComparisonRow["axes"],
      tasks: tasks.map((task) => taskOutcome(task, cells)),
    };
  });
  return { tasks, withCi: document.run.runs > 1, rows };
}

function taskOutcome(task_id: string, cells: readonly CellResult[]): TaskOutcome {
  const mine = cells.filter((c) => c.run_identity.task_id === task_id);
  const scored = mine.filter(isScored);
  const passed = scored.filter((c) => c.scorer.pass_rate.pass === 1).length;
  const infra_errors = mine.filter((c) => c.status === "infra_error").length;
  let mark: TaskMark = "·";
  if (scored.length > 0) mark = passed === scored.length ? "✓" : passed === 0 ? "✗" : "◐";
  else if (infra_errors > 0) mark = "!";
  return { task_id, mark, passed, scored: scored.length, infra_errors };
}

/** An axis figure as on the cell page, with ± the CI half-width when asked and there are 2+ values. */
export function formatAxis(axis: Axis, ci: MeanWithCi | null, withCi: boolean): string {
  if (ci === null) return "—";
  const plusMinus = withCi && ci.n > 1;
  const half = halfWidth(ci);
  switch (axis) {
    case "tokens_per_correct":
      return `${formatInteger(ci.mean)}${plusMinus ? ` ±${formatInteger(half)}` : ""}`;
    case "wall_clock_ms":
      return `${(ci.mean / 1000).toFixed(1)}s${plusMinus ? ` ±${(half / 1000).toFixed(1)}s` : ""}`;
    default:
      return `${ci.mean.toFixed(3)}${plusMinus ? ` ±${half.toFixed(3)}` : ""}`;
  }
}

/** "8/12 (67%)", or "—" when nothing was scored. */
export function formatPassRate(passed: number, scored: number): string {
  return scored ? `${passed}/${scored} (${Math.round((passed / scored) * 100)}%)` : "—";
}

/** "2 infra, 1 skipped, not counted", or "—". */
export function formatNotCounted(
  row: Pick<ComparisonRow, "infra_errors" | "skipped" | "interrupted">,
): string {
  const parts: string[] = [];
  if (row.infra_errors) parts.push(`${row.infra_errors} infra`);
  if (row.skipped) parts.push(`${row.skipped} skipped`);
  if (row.interrupted) parts.push(`${row.interrupted} interrupted`);
  return parts.length ? `${parts.join(", ")}, not counted` : "—";
}

const HEADER = ["tui × model", "pass rate", ...AXES.map((a) => AXIS_LABELS[a]), "tasks", "not counted"];

function tableRows(comparison: Comparison): string[][] {
  return comparison.rows.map((row) => [
    `${row.tui} × ${row.model}`,
    formatPassRate(row.passed, row.scored),
    ...AXES.map((axis) => formatAxis(axis, row.axes[axis], comparison.withCi)),
    row.tasks.map((t) => t.mark).join(""),
    formatNotCounted(row),
  ]);
}

/** Per task, one column per (tui, model): "◐ 2/3", "✗ 0/2 (1 infra)", "! 1 infra", "·". */
function taskMatrix(comparison: Comparison): { header: string[]; rows: string[][] } {
  const header = ["task", ...comparison.rows.map((r) => `${r.tui} × ${r.model}`)];
  const rows = comparison.tasks.map((task, i) => [
    task,
    ...comparison.rows.map((row) => {
      const t = row.tasks[i] as TaskOutcome;
      const infra = t.infra_errors ? ` (${t.infra_errors} infra)` : "";
      if (t.scored > 0) return `${t.mark} ${t.passed}/${t.scored}${infra}`;
      return t.mark === "!" ? `! ${t.infra_errors} infra` : t.mark;
    }),
  ]);
  return { header, rows };
}

/** The comparison as plain tables (per tui × model, and per task), for renderers that draw their own. */
export function comparisonTables(document: Pick<RunDocument, "run" | "cells">) {
  const comparison = buildComparison(document);
  return {
    models: { header: HEADER, rows: tableRows(comparison) },
    tasks: taskMatrix(comparison),
    withCi: comparison.withCi,
  };
}

/** The comparison for a terminal: the per-model table, then pass marks per task. */
export function renderComparisonTerminal(
  document: Pick<RunDocument, "run" | "cells">,
  styleHeader: (line: string) => string = (l) => l,
): string {
  const comparison = buildComparison(document);
  const matrix = taskMatrix(comparison);
  return [
    renderColumns(HEADER, tableRows(comparison), styleHeader),
    "",
    renderColumns(matrix.header, matrix.rows, styleHeader),
    MARK_LEGEND,
    ...(comparison.withCi ? ["± is the 95% confidence half-width over the scored cells"] : []),
  ].join("\n");
}

/** The comparison as GitHub-flavoured Markdown tables. */
export function renderComparisonMarkdown(document: Pick<RunDocument, "run" | "cells">): string {
  const comparison = buildComparison(document);
  const matrix = taskMatrix(comparison);
  return [
    renderMarkdownTable(HEADER, tableRows(comparison)),
    "",
    renderMarkdownTable(matrix.header, matrix.rows),
    "",
    `<sub>${MARK_LEGEND}${comparison.withCi ? " · ± is the 95% confidence half-width over the scored cells" : ""}</sub>`,
  ].join("\n");
}

/** A GitHub table; pipes and line breaks inside cells are escaped so a value cannot break the row. */
export function renderMarkdownTable(header: readonly string[], rows: readonly string[][]): string {
  const cell = (text: string) => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const line = (cols: readonly string[]) => `| ${cols.map(cell).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function formatInteger(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}
