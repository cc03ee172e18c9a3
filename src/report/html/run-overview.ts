import type { RunDocument, RunSummary } from "../run-document.js";
import { headlineFigures } from "../terminal.js";
import { html, type SafeHtml } from "./escape.js";
import { cellAnchor, figureSortValue, shortDigest, statusBadge } from "./format.js";

const FIGURE_LABELS = ["Pass", "Tokens/correct", "Wall", "Blast", "Refusal", "Integrity", "Composite"];

/** The run's header: the provisional banner, what was run against what, and when. */
export function renderRunHeader(document: RunDocument): SafeHtml {
  const run = document.run;
  return html`<header class="run">
<p class="banner" role="note"><strong>${document.notice}</strong></p>
${(run.merge?.mixed ?? []).map(
  (m) => html`<p class="banner" role="alert"><strong>MIXED — not comparable as one run:</strong> ${m}</p>
`,
)}
<h1>${run.tui} × ${run.models.join(", ")}</h1>
<p class="muted">CodingAgentBench provisional check · ${run.tasks.length} task${run.tasks.length === 1 ? "" : "s"} × ${run.runs} run${run.runs === 1 ? "" : "s"}${run.demo ? " · demo (scripted, not a model)" : ""}</p>
<dl class="kv meta">
<dt>Run status</dt><dd><span class="badge ${run.status === "completed" ? "pass" : "infra"}">${run.status}</span></dd>
<dt>Endpoint host</dt><dd>${run.endpoint_host}</dd>
<dt>Started</dt><dd>${run.started_at}</dd>
<dt>Ended</dt><dd>${run.ended_at ?? "—"}</dd>
<dt>CLI version</dt><dd>${document.cli_version}</dd>
<dt>Methodology</dt><dd>${document.methodology_version}</dd>
${
  run.merge
    ? html`<dt>Merged from</dt><dd>${run.merge.sources.length} folder(s)${run.merge.notes.map((n) => html`<br><span class="muted">${n}</span>`)}</dd>
`
    : ""
}<dt>Bundle</dt><dd><code title="${run.bundle.digest}">${shortDigest(run.bundle.digest)}</code> <span class="muted">${run.bundle.source}</span></dd>
</dl>
</header>`;
}

/** Summary counts; infra errors and skipped cells are shown but not counted in the rates. */
export function renderSummary(summary: RunSummary): SafeHtml {
  const stat = (label: string, value: string, note?: string) =>
    html`<div class="stat"><div class="value">${value}</div><div class="label">${label}${note ? html` <span class="muted">${note}</span>` : ""}</div></div>`;
  return html`<section class="summary" aria-label="Summary">
${stat("Cells", String(summary.cells))}
${stat("Passed", String(summary.passed))}
${stat("Pass rate", summary.pass_rate === null ? "—" : `${(summary.pass_rate * 100).toFixed(0)}%`)}
${stat("Mean composite", summary.mean_composite === null ? "—" : summary.mean_composite.toFixed(3))}
${stat("Infra errors", String(summary.infra_errors), "not counted")}
${stat("Skipped", String(summary.skipped))}
${summary.timed_out ? stat("Timed out", String(summary.timed_out)) : ""}
${summary.interrupted ? stat("Interrupted", String(summary.interrupted), "not counted") : ""}
</section>`;
}

/** Every cell in one sortable table; each row links to the cell's section. */
export function renderComparisonTable(document: RunDocument): SafeHtml {
  if (document.cells.length === 0) return html`<p class="muted">No cells were recorded in this run.</p>`;
  const header = (label: string, type: "text" | "num") =>
    html`<th scope="col"${type === "num" ? html` class="num"` : ""} aria-sort="none"><button type="button" data-sort="${type}">${label}</button></th>`;
  const rows = document.cells.map((cell, index) => {
    const id = cell.run_identity;
    const badge = statusBadge(cell);
    const figures = headlineFigures(cell).map(
      ([label, value]) =>
        html`<td class="num${label === "Composite" ? " strong" : ""}" data-value="${figureSortValue(value)}">${value}</td>`,
    );
    return html`<tr>
<td>${breakableId(id.model)}</td><td>${id.tui}</td>
<td><a href="#${cellAnchor(cell, index)}">${breakableId(id.task_id)}</a></td>
<td class="num" data-value="${id.run_index}">${id.run_index}</td>
<td><span class="badge ${badge.tone}">${badge.label}</span>${cell.status === "infra_error" ? html` <span class="muted small">not counted</span>` : ""}</td>
${figures}
</tr>`;
  });
  return html`<div class="scroll"><table class="data sortable comparison">
<thead><tr>${header("Model", "text")}${header("TUI", "text")}${header("Task", "text")}${header("Run", "num")}${header("Status", "text")}${FIGURE_LABELS.map((label) => header(label, "num"))}</tr></thead>
<tbody>${rows}</tbody>
</table></div>
<p class="muted small sort-hint">Click a column header to sort; blank figures (—) sort last.</p>`;
}

/** "polyglot/js-async-foreach" wraps after the slash, never at a hyphen inside a name. */
function breakableId(id: string): SafeHtml[] {
  return id
    .split("/")
    .map(
      (part, i, parts) =>
        html`<span class="nw">${part}${i < parts.length - 1 ? "/" : ""}</span>${i < parts.length - 1 ? html`<wbr>` : ""}`,
    );
}
