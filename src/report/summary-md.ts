import type { CellResult } from "../types.js";
import { AXIS_LABELS, formatAxis, renderComparisonMarkdown, renderMarkdownTable } from "./comparison.js";
import { evidenceLines, notAssuredSummary } from "./integrity-notes.js";
import type { RunDocument, RunSummary } from "./run-document.js";
import { AXES, aggregateRuns, isScored } from "./stats.js";
import { BANNER, headlineFigures } from "./terminal.js";

/** Above this many cells the per-cell table is folded into <details>, so the summary stays readable. */
const FOLD_CELLS_ABOVE = 10;

/** The run as Markdown for a CI job summary ($GITHUB_STEP_SUMMARY). */
export function renderSummaryMarkdown(document: RunDocument): string {
  const sections = [
    `> **${BANNER}**`,
    ...mergeLines(document),
    identityLine(document),
    summaryLine(document.summary),
    "### Comparison",
    renderComparisonMarkdown(document),
    fold(`Cells (${document.cells.length})`, cellTable(document.cells), document.cells.length),
  ];
  const notAssured = notAssuredSummary(document.cells);
  if (notAssured) sections.splice(1, 0, `> ⚠️ **${notAssured}**`);
  const integrity = document.cells.flatMap((c) =>
    evidenceLines(c).map(
      (line) => `- \`${c.run_identity.task_id}#run${c.run_identity.run_index}\` ${oneLine(line)}`,
    ),
  );
  if (integrity.length > 0) sections.push("### Integrity evidence", integrity.join("\n"));
  const notCounted = document.cells.filter((c) => !isScored(c));
  if (notCounted.length > 0) sections.push("### Not counted", notCounted.map(notCountedLine).join("\n"));
  if (document.run.runs > 1) sections.push(`### Across ${document.run.runs} runs`, runsTable(document.cells));
  return `${sections.join("\n\n")}\n`;
}

/** A merged run says where it came from; one that mixes versions says so before anything else. */
function mergeLines(document: RunDocument): string[] {
  const merge = document.run.merge;
  if (!merge) return [];
  const lines = merge.mixed.map((m) => `> ⚠️ **MIXED — not comparable as one run:** ${m}`);
  const shards = merge.sources.map((s) => s.shard).filter(Boolean);
  const from = `**Merged** from ${merge.sources.length} folder(s)${shards.length ? ` (shards ${shards.join(", ")})` : ""}`;
  lines.push([from, ...merge.notes.map((n) => `- ${n}`)].join("\n"));
  return lines;
}

function identityLine(document: RunDocument): string {
  const run = document.run;
  const parts = [
    `tui \`${run.tui}\``,
    `model ${run.models.map((m) => `\`${m}\``).join(", ")}`,
    run.demo ? "demo endpoint (scripted, not a model)" : `endpoint \`${run.endpoint_host}\``,
    `bundle ${run.bundle.source} \`${run.bundle.digest.slice(0, 12)}\``,
    `${run.tasks.length} task(s) × ${run.runs} run(s)`,
    `methodology ${document.methodology_version}`,
    `cab ${document.cli_version}`,
    `started ${run.started_at}`,
    run.status,
  ];
  return `**Run** ${parts.join(" · ")}`;
}

function summaryLine(summary: RunSummary): string {
  const parts = [`${summary.cells} cell(s)`, `${summary.passed} passed`];
  if (summary.pass_rate !== null) parts.push(`pass rate ${Math.round(summary.pass_rate * 100)}%`);
  if (summary.mean_composite !== null) parts.push(`mean composite ${summary.mean_composite.toFixed(3)}`);
  if (summary.timed_out) parts.push(`${summary.timed_out} timed out`);
  if (summary.infra_errors) parts.push(`${summary.infra_errors} infra error(s), not counted`);
  if (summary.skipped) parts.push(`${summary.skipped} skipped`);
  if (summary.interrupted) parts.push(`${summary.interrupted} interrupted`);
  return `**Summary** ${parts.join(" · ")}`;
}

/** A word for the cell's outcome: scored cells say pass/fail, the others their status. */
export function cellVerdict(cell: CellResult): string {
  switch (cell.status) {
    case "completed":
      return cell.scorer.pass_rate.pass === 1 ? "pass" : "fail";
    case "timed_out":
      return "timed out";
    case "infra_error":
      return "infra error";
    default:
      return cell.status;
  }
}

function cellTable(cells: readonly CellResult[]): string {
  if (cells.length === 0) return "_no cells_";
  const header = [
    "task",
    "model",
    "status",
    ...headlineFigures(cells[0] as CellResult).map(([name]) => name),
  ];
  const rows = cells.map((c) => [
    `${c.run_identity.task_id}#run${c.run_identity.run_index}`,
    c.run_identity.model,
    cellVerdict(c),
    ...headlineFigures(c).map(([, value]) => value),
  ]);
  return renderMarkdownTable(header, rows);
}

function notCountedLine(cell: CellResult): string {
  const id = cell.run_identity;
  // The reason is free text from an endpoint or a toolchain: keep it on one line and out of HTML.
  const reason = (cell.status_reason ?? "no reason recorded")
    .replace(/\s+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
  return `- **${cellVerdict(cell)}** \`${id.task_id}#run${id.run_index}\` × \`${id.model}\`: ${reason}`;
}

function runsTable(cells: readonly CellResult[]): string {
  const header = ["task", "model", "scored runs", ...AXES.map((a) => AXIS_LABELS[a]), "stability"];
  const rows = aggregateRuns(cells).map((group) => [
    group.task_id,
    group.model,
    `${group.scored}/${group.runs}`,
    ...AXES.map((axis) => formatAxis(axis, group.axes[axis], true)),
    group.stability === null ? "—" : `${Math.round(group.stability * 100)}%`,
  ]);
  return [
    renderMarkdownTable(header, rows),
    "",
    "<sub>mean ±95% confidence half-width (Student's t) over the scored runs · stability: share of runs with the majority pass verdict</sub>",
  ].join("\n");
}

function fold(title: string, body: string, count: number): string {
  if (count <= FOLD_CELLS_ABOVE) return `### ${title}\n\n${body}`;
  return `<details><summary><strong>${title}</strong></summary>\n\n${body}\n\n</details>`;
}

/** Free text (paths, findings) on one Markdown line, with no HTML. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").replace(/[<>]/g, (c) => (c === "<" ? "&lt;" : "&gt;"));
}
