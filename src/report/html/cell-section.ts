import type { CellResult, Scorer } from "../../types.js";
import { evidenceLines, notAssuredLine } from "../integrity-notes.js";
import { headlineFigures } from "../terminal.js";
import { html, type SafeHtml } from "./escape.js";
import { cellAnchor, compactJson, formatMs, statusBadge } from "./format.js";
import { renderTimeline } from "./timeline.js";
import { renderModelCallsTable, renderSpansTable } from "./trace-tables.js";

const AXES: readonly (keyof Scorer)[] = [
  "pass_rate",
  "tokens",
  "latency",
  "blast_radius",
  "refusal",
  "integrity",
  "composite",
];

/** One cell as on the published cell page: figures, identity, timing, scorer, check output, trace. */
export function renderCellSection(cell: CellResult, index: number): SafeHtml {
  const id = cell.run_identity;
  return html`<section class="cell" id="${cellAnchor(cell, index)}">
<h2>${id.tui} × ${id.model}</h2>
<p class="task"><span class="category">${id.task_id.split("/")[0]}</span> <code>${id.task_id}</code> <span class="muted">· run ${id.run_index}</span></p>
${renderStatus(cell)}
<h3>Per-axis scores</h3>
${renderHeadlineCards(cell)}
${renderCompositeNote(cell)}
<div class="facts">
<div><h3>Run identity</h3>${renderRunIdentity(cell)}</div>
<div><h3>Timing</h3>${renderTiming(cell)}</div>
</div>
<h3>Scorer breakdown</h3>
${renderScorerBreakdown(cell.scorer)}
<h3>Check output</h3>
${renderTail("stdout", cell.scorer.pass_rate.stdout_tail)}
${renderTail("stderr", cell.scorer.pass_rate.stderr_tail)}
<h3>Trace timeline</h3>
<div class="timeline-wrap">${renderTimeline(cell, index)}</div>
<h3>Trace spans (${cell.trace.spans.length})</h3>
${renderSpansTable(cell.trace.spans)}
<h3>Model calls (${cell.trace.model_calls.length})</h3>
${renderModelCallsTable(cell.trace.model_calls)}
<p class="back"><a href="#cells">↑ Back to all cells</a></p>
</section>`;
}

/** The seven headline figures as cards, the same text the terminal prints. */
export function renderHeadlineCards(cell: CellResult): SafeHtml {
  const cards = headlineFigures(cell).map(
    ([label, value]) =>
      html`<div class="figure${label === "Composite" ? " composite" : ""}" data-figure="${label}"><div class="label">${label}</div><div class="value${value === "—" ? " blank" : ""}">${value}</div></div>`,
  );
  return html`<div class="figures">${cards}</div>`;
}

function renderStatus(cell: CellResult): SafeHtml {
  const badge = statusBadge(cell);
  const infra =
    cell.status === "infra_error"
      ? html`<p class="callout infra"><strong>Infra, not capability.</strong> The endpoint or harness failed, not the model's work; this cell is left out of the pass rate and the mean composite.</p>`
      : "";
  const evidence = evidenceLines(cell);
  const tampering =
    evidence.length > 0
      ? html`<div class="callout infra"><strong>Integrity evidence.</strong><ul>${evidence.map((line) => html`<li>${line}</li>`)}</ul></div>`
      : "";
  const open = notAssuredLine(cell);
  const notAssured = open ? html`<p class="callout infra">${open}</p>` : "";
  return html`<p class="status"><span class="badge ${badge.tone}">${badge.label}</span> ${cell.status_reason ?? ""}</p>
${infra}${tampering}${notAssured}<p class="muted honest">All scores are reported as recorded. A failed run's zero is an honest measurement.</p>`;
}

function renderCompositeNote(cell: CellResult): SafeHtml {
  const w = cell.scorer.composite.weights;
  const f = (n: number) => n.toFixed(2);
  return html`<p class="muted small">Composite = ${f(w.pass_rate)} × pass + ${f(w.integrity)} × integrity + ${f(w.cost)} × cost efficiency + ${f(w.latency)} × latency efficiency + ${f(w.blast_radius)} × (1 − blast), halved by a wrong refusal. Per-axis numbers are canonical; the composite is derivative.</p>`;
}

function renderRunIdentity(cell: CellResult): SafeHtml {
  const id = cell.run_identity;
  return definitionList([
    ["cell_id", html`<code>${id.cell_id}</code>`],
    ["tui", `${id.tui} ${id.tui_version}`],
    ["model", id.model],
    ["endpoint_host", id.endpoint_host],
    ["task", html`<code>${id.task_id}</code> ${id.task_version}`],
    ["bundle_digest", html`<code>${id.bundle_digest}</code>`],
    ["exit_code", id.exit_code === null ? "—" : String(id.exit_code)],
  ]);
}

function renderTiming(cell: CellResult): SafeHtml {
  const t = cell.timing;
  return definitionList([
    ["started_at", t.started_at],
    ["ended_at", t.ended_at],
    ["duration", `${(t.duration_ms / 1000).toFixed(2)} s`],
    ["agent wall clock", formatMs(cell.scorer.latency.wall_clock_ms)],
    ["tokens", t.tokens_source],
  ]);
}

function renderScorerBreakdown(scorer: Scorer): SafeHtml {
  const rows = AXES.map((axis) => {
    const values = scorer[axis] as unknown as Record<string, unknown>;
    return html`<tr><td><code>${axis}</code></td><td class="keys">${Object.keys(values).join(", ")}</td><td class="values"><div class="json"><code>${compactJson(values)}</code></div></td></tr>`;
  });
  return html`<div class="scroll"><table class="data breakdown">
<thead><tr><th>Axis</th><th>Keys</th><th>Values</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

function renderTail(stream: "stdout" | "stderr", tail: string): SafeHtml {
  if (tail === "") return html`<p class="muted small">Check ${stream}: (empty)</p>`;
  const lines = tail.replace(/\n$/, "").split("\n").length;
  return html`<details class="tail"><summary>Check ${stream} tail (${lines} line${lines === 1 ? "" : "s"})</summary><pre>${tail}</pre></details>`;
}

function definitionList(entries: [string, string | SafeHtml][]): SafeHtml {
  return html`<dl class="kv">${entries.map(([key, value]) => html`<dt>${key}</dt><dd>${value}</dd>`)}</dl>`;
}
