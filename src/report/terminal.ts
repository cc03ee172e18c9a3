import kleur from "kleur";
import type { CellResult } from "../types.js";
import { renderColumns } from "./columns.js";
import { evidenceLines } from "./integrity-notes.js";
import type { RunSummary } from "./run-document.js";

/** A card shows this many pieces of integrity evidence; the cell's JSON has all. */
const MAX_EVIDENCE_LINES = 3;

export const BANNER = "PROVISIONAL — not for citation · not a published CodingAgentBench cell";

/** The seven headline figures of the cell page, as text (blank axes shown as "—"). */
export function headlineFigures(cell: CellResult): [string, string][] {
  const s = cell.scorer;
  const skipped = cell.status === "skipped";
  return [
    ["Pass", skipped ? "—" : s.pass_rate.pass.toFixed(3)],
    [
      "Tokens/correct",
      s.tokens.tokens_per_correct_task > 0 ? formatInteger(s.tokens.tokens_per_correct_task) : "—",
    ],
    ["Wall", skipped ? "—" : `${(s.latency.wall_clock_ms / 1000).toFixed(1)}s`],
    ["Blast", skipped ? "—" : s.blast_radius.blast_radius.toFixed(3)],
    [
      "Refusal",
      s.refusal.not_applicable ? "—" : `${s.refusal.refusal.toFixed(3)} (${s.refusal.refusal_correct})`,
    ],
    ["Integrity", skipped ? "—" : s.integrity.integrity.toFixed(3)],
    ["Composite", skipped ? "—" : s.composite.composite.toFixed(3)],
  ];
}

/** One cell as a card: identity, status, the seven figures, the check in one line. */
export function renderCellCard(cell: CellResult): string {
  const id = cell.run_identity;
  const lines = [
    kleur.bold(`${id.tui} × ${id.model}`) + kleur.dim(` · ${id.task_id} · run ${id.run_index}`),
    `${statusLabel(cell)} ${kleur.dim(cell.status_reason ?? "")}`,
  ];
  for (const [name, value] of headlineFigures(cell)) lines.push(`  ${name.padEnd(15)} ${value}`);
  const check = describeCheck(cell);
  if (check) lines.push(kleur.dim(`  ${check}`));
  const evidence = evidenceLines(cell);
  for (const line of evidence.slice(0, MAX_EVIDENCE_LINES)) lines.push(kleur.yellow(`  integrity: ${line}`));
  if (evidence.length > MAX_EVIDENCE_LINES)
    lines.push(
      kleur.yellow(`  integrity: and ${evidence.length - MAX_EVIDENCE_LINES} more (see the cell's JSON)`),
    );
  const calls = cell.scorer.tokens.model_calls;
  if (calls > 0 || cell.trace.model_calls.length > 0) {
    const retries = cell.trace.model_calls.filter((c) => c.status !== 200).length;
    lines.push(
      kleur.dim(
        `  ${calls} model call(s), ${retries} failed attempt(s); tokens: ${cell.timing.tokens_source}`,
      ),
    );
  }
  return lines.join("\n");
}

/** Several cells: one row each. */
export function renderCellTable(cells: readonly CellResult[]): string {
  const header = ["cell", "status", ...headlineFigures(cells[0] as CellResult).map(([name]) => name)];
  const rows = cells.map((c) => [
    `${c.run_identity.tui} × ${c.run_identity.model} ${c.run_identity.task_id}#${c.run_identity.run_index}`,
    c.status,
    ...headlineFigures(c).map(([, value]) => value),
  ]);
  return renderColumns(header, rows, kleur.bold);
}

export function renderSummary(summary: RunSummary): string {
  const parts = [`${summary.cells} cell(s)`, `${summary.passed} passed`];
  if (summary.pass_rate !== null) parts.push(`pass rate ${(summary.pass_rate * 100).toFixed(0)}%`);
  if (summary.mean_composite !== null) parts.push(`mean composite ${summary.mean_composite.toFixed(3)}`);
  if (summary.infra_errors) parts.push(kleur.yellow(`${summary.infra_errors} infra error(s), not counted`));
  if (summary.skipped) parts.push(`${summary.skipped} skipped`);
  if (summary.interrupted) parts.push(kleur.yellow(`${summary.interrupted} interrupted`));
  return parts.join(" · ");
}

function statusLabel(cell: CellResult): string {
  switch (cell.status) {
    case "completed":
      return cell.scorer.pass_rate.pass === 1 ? kleur.green("PASS") : kleur.red("FAIL");
    case "infra_error":
      return kleur.yellow("INFRA ERROR");
    case "timed_out":
      return kleur.red("TIMED OUT");
    case "skipped":
      return kleur.dim("SKIPPED");
    case "interrupted":
      return kleur.yellow("INTERRUPTED");
  }
}

function describeCheck(cell: CellResult): string | null {
  const span = cell.trace.spans.find((s) => s.kind === "check");
  if (!span) return null;
  const tests = span.attrs.tests as { passed: number; total: number } | null | undefined;
  const exit = cell.scorer.pass_rate.timed_out ? "timed out" : `exit ${cell.scorer.pass_rate.exit_code}`;
  const counted = tests ? `, ${tests.passed}/${tests.total} tests passed` : ", no test count";
  const restored = (span.attrs.restored as string[] | undefined)?.length
    ? `; restored before the check: ${(span.attrs.restored as string[]).join(", ")}`
    : "";
  // A faked summary exits 0 with a good count: say why it still failed.
  const reason = cell.scorer.pass_rate.fail_reason ? `; ${cell.scorer.pass_rate.fail_reason}` : "";
  return `check: ${span.name.replace(/^check:/, "")} → ${exit}${counted}${restored}${reason}`;
}

function formatInteger(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}
