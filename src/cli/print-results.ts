import kleur from "kleur";
import { renderComparisonTerminal } from "../report/comparison.js";
import { notAssuredSummary } from "../report/integrity-notes.js";
import type { RunDocument } from "../report/run-document.js";
import { BANNER, renderCellCard, renderCellTable, renderSummary } from "../report/terminal.js";
import type { CellResult } from "../types.js";
import type { CliIO } from "./io.js";

/** The terminal result: a card per cell, a table for several, a side-by-side comparison for several TUIs/models. */
export function printResults(io: CliIO, cells: CellResult[], document: RunDocument, out?: string): void {
  const ordered = [...cells].sort((a, b) => a.run_identity.cell_id.localeCompare(b.run_identity.cell_id));
  for (const cell of ordered) io.out(`${renderCellCard(cell)}\n`);
  if (ordered.length > 1) io.out(`${renderCellTable(ordered)}\n`);
  const sides = (document.run.tuis?.length ?? 1) * document.run.models.length;
  if (sides > 1 || document.run.runs > 1) io.out(`${renderComparisonTerminal(document, kleur.bold)}\n`);
  io.out(renderSummary(document.summary));
  const notAssured = notAssuredSummary(ordered);
  if (notAssured) io.out(kleur.yellow(notAssured));
  if (out) io.out(`results written to ${out}/ (run.json, report.html, summary.md, junit.xml, badges/)`);
  io.out(BANNER);
}
