import type { CellResult, IntegrityEvidence } from "../types.js";

/** How each kind of integrity evidence reads in a report. */
const EVIDENCE_LABELS: Record<IntegrityEvidence["kind"], string> = {
  tampered_check: "tampered check",
  runtime_patch: "runtime patch",
  protected_changed: "protected file changed",
  hidden_path: "hidden-test path written",
  toolchain_config: "toolchain configuration",
  stdlib_shadow: "standard module shadowed",
  outside_config: "configuration outside the workspace",
};

/** One line per piece of integrity evidence: "runtime patch: src/lib.rs runs code before …". */
export function evidenceLines(cell: CellResult): string[] {
  return (cell.scorer.integrity.evidence ?? []).map((e) => `${EVIDENCE_LABELS[e.kind]}: ${e.detail}`);
}

/** The one sentence every report owes a cell that ran without bwrap; null under bwrap. */
export function notAssuredLine(cell: CellResult): string | null {
  const text = cell.scorer.integrity.not_assured;
  return text ? `not assured: ${text}` : null;
}

/** The run-level version: how many cells ran without bwrap, and what that leaves open. */
export function notAssuredSummary(cells: readonly CellResult[]): string | null {
  const open = cells.filter((c) => c.scorer.integrity.not_assured);
  if (open.length === 0) return null;
  const noun = open.length === 1 ? "cell" : "cells";
  return `not assured: ${open.length} ${noun} ${open[0]?.scorer.integrity.not_assured}`;
}
