import { comparisonTables, MARK_LEGEND } from "../comparison.js";
import type { RunDocument } from "../run-document.js";
import { html, type SafeHtml } from "./escape.js";

/** One row per TUI × model and the per-task pass marks — shown when the run compares or repeats. */
export function renderSideBySide(document: RunDocument): SafeHtml | "" {
  const sides = (document.run.tuis?.length ?? 1) * document.run.models.length;
  if (sides < 2 && document.run.runs < 2) return "";
  const { models, tasks, withCi } = comparisonTables(document);
  const table = (header: readonly string[], rows: readonly string[][]) =>
    html`<div class="scroll"><table class="data side-by-side"><thead><tr>${header.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows.map(
      (row) =>
        html`<tr>${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}</tr>`,
    )}</tbody></table></div>`;
  return html`<section id="comparison" aria-label="Side by side">
<h2>Side by side</h2>
${table(models.header, models.rows)}
${table(tasks.header, tasks.rows)}
<p class="muted">${MARK_LEGEND}${withCi ? " · ± is the 95% confidence half-width over the scored cells" : ""}</p>
</section>`;
}
