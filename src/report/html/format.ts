import type { CellResult } from "../../types.js";

/** "0.4 ms", "516 ms", "2.21 s", "6 min 47 s" — a span's duration or offset. */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 600_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** The first 12 hex digits of a digest, enough to tell bundles apart at a glance. */
export function shortDigest(digest: string): string {
  return digest.length > 12 ? digest.slice(0, 12) : digest;
}

/** A stable, unique fragment id for a cell's section. */
export function cellAnchor(cell: CellResult, index: number): string {
  const slug = cell.run_identity.cell_id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `cell-${index + 1}-${slug}`;
}

/** The number a headline figure sorts by ("4,906" → 4906, "2.2s" → 2.2); "" for a blank "—". */
export function figureSortValue(text: string): string {
  const value = Number.parseFloat(text.replace(/,/g, ""));
  return Number.isFinite(value) ? String(value) : "";
}

export interface StatusBadge {
  label: string;
  /** CSS modifier: pass, fail, infra, skipped. */
  tone: "pass" | "fail" | "infra" | "skipped";
}

/** What a cell's status looks like on the page, as in the terminal card. */
export function statusBadge(cell: CellResult): StatusBadge {
  switch (cell.status) {
    case "completed":
      return cell.scorer.pass_rate.pass === 1
        ? { label: "PASS", tone: "pass" }
        : { label: "FAIL", tone: "fail" };
    case "infra_error":
      return { label: "INFRA ERROR", tone: "infra" };
    case "timed_out":
      return { label: "TIMED OUT", tone: "fail" };
    case "skipped":
      return { label: "SKIPPED", tone: "skipped" };
    case "interrupted":
      return { label: "INTERRUPTED", tone: "infra" };
  }
}

/** Compact JSON for a <code> block; undefined (absent) renders as "—". */
export function compactJson(value: unknown): string {
  return value === undefined ? "—" : JSON.stringify(value);
}
