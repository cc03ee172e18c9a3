import type { ModelCallRecord, TraceSpan } from "../../types.js";
import { html, type SafeHtml } from "./escape.js";
import { compactJson, formatMs } from "./format.js";

/** Every span: kind, name, start, duration, attributes or error — as the cell page lists them. */
export function renderSpansTable(spans: readonly TraceSpan[]): SafeHtml {
  if (spans.length === 0) return html`<p class="muted">No trace spans were recorded for this run.</p>`;
  const rows = spans.map(
    (span) => html`<tr>
<td><span class="kind k-${span.kind}"></span>${span.kind}</td>
<td class="wrap">${span.name}</td>
<td class="num">${formatMs(span.start_ms)}</td>
<td class="num">${formatMs(span.duration_ms)}</td>
<td class="wrap">${span.error ? html`<strong class="error">${span.error}</strong> ` : ""}<code>${compactJson(span.attrs)}</code></td>
</tr>`,
  );
  return html`<div class="scroll"><table class="data spans">
<thead><tr><th>Kind</th><th>Name</th><th class="num">Start</th><th class="num">Duration</th><th>Attrs / Error</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

/** Every model call attempt, retries included; a message when the TUI gave no per-call data. */
export function renderModelCallsTable(calls: readonly ModelCallRecord[]): SafeHtml {
  if (calls.length === 0)
    return html`<p class="muted">Per-call token capture is not available for this run.</p>`;
  const rows = calls.map(
    (call, i) => html`<tr${call.status !== 200 ? html` class="failed"` : ""}>
<td class="num">${i + 1}</td>
<td>${call.timestamp}</td>
<td><code>${call.request_hash}</code>${call.attempt > 1 ? html` <span class="muted">attempt ${call.attempt}</span>` : ""}</td>
<td class="num">${orDash(call.prompt_tokens)}</td>
<td class="num">${orDash(call.completion_tokens)}</td>
<td class="num">${formatMs(call.latency_ms)}</td>
<td>${call.finish_reason ?? "—"}</td>
<td class="num">${call.status ?? "—"}</td>
</tr>`,
  );
  return html`<div class="scroll"><table class="data calls">
<thead><tr><th class="num">#</th><th>Timestamp</th><th>Request hash</th><th class="num">Prompt</th><th class="num">Completion</th><th class="num">Latency</th><th>Finish</th><th class="num">Status</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

function orDash(n: number | null): string {
  return n === null ? "—" : n.toLocaleString("en-US");
}
