import type { CellResult, TraceSpan } from "../../types.js";
import { html, type SafeHtml } from "./escape.js";
import { formatMs } from "./format.js";

/** One lane per span kind, in the order a cell goes through them. */
export const SPAN_KINDS: readonly TraceSpan["kind"][] = [
  "task_setup",
  "agent_run",
  "model_call",
  "retry_wait",
  "tool_call",
  "check",
  "cleanup",
];

// Geometry in viewBox units; the SVG scales to its container.
const WIDTH = 960;
const LABEL_WIDTH = 96;
const RIGHT_PAD = 16;
const PLOT_WIDTH = WIDTH - LABEL_WIDTH - RIGHT_PAD;
const LANE_HEIGHT = 22;
const BAR_HEIGHT = 14;
const AXIS_HEIGHT = 26;
const MIN_BAR_WIDTH = 1.5;

/** The trace's spans drawn to scale: x is time from the cell start, one lane per kind. */
export function renderTimeline(cell: CellResult, index: number): SafeHtml {
  const spans = cell.trace.spans;
  const total = timelineExtent(cell);
  const hatchId = `hatch-${index + 1}`;
  const lanesHeight = SPAN_KINDS.length * LANE_HEIGHT;
  const height = lanesHeight + AXIS_HEIGHT;
  const x = (ms: number) => LABEL_WIDTH + (Math.max(0, ms) / total) * PLOT_WIDTH;

  const lanes = SPAN_KINDS.map((kind, lane) => {
    const y = lane * LANE_HEIGHT;
    return html`<g class="lane"><rect class="lane-bg${lane % 2 ? " odd" : ""}" x="0" y="${y}" width="${WIDTH}" height="${LANE_HEIGHT}"></rect><text class="lane-label" x="${LABEL_WIDTH - 8}" y="${y + LANE_HEIGHT / 2}">${kind}</text></g>`;
  });

  const bars = spans.map((span) => {
    const lane = Math.max(0, SPAN_KINDS.indexOf(span.kind));
    const left = x(span.start_ms);
    const width = Math.min(
      Math.max((span.duration_ms / total) * PLOT_WIDTH, MIN_BAR_WIDTH),
      LABEL_WIDTH + PLOT_WIDTH - left,
    );
    // A failed model call is outlined red; a retry wait is the backoff after one, drawn hatched instead.
    const failed =
      Boolean(span.error) ||
      (span.kind === "model_call" && typeof span.attrs.status === "number" && span.attrs.status >= 400);
    const classes = `span k-${span.kind}${failed ? " failed" : ""}`;
    const fill = span.kind === "retry_wait" ? `url(#${hatchId})` : null;
    return html`<rect class="${classes}" data-kind="${span.kind}" x="${round(left)}" y="${lane * LANE_HEIGHT + (LANE_HEIGHT - BAR_HEIGHT) / 2}" width="${round(Math.max(width, MIN_BAR_WIDTH))}" height="${BAR_HEIGHT}" rx="2"${fill ? html` fill="${fill}"` : ""}><title>${spanTooltip(span)}</title></rect>`;
  });

  const ticks = axisTicks(total).map((ms) => {
    const tx = round(x(ms));
    return html`<line class="tick" x1="${tx}" y1="0" x2="${tx}" y2="${lanesHeight + 4}"></line><text class="tick-label" x="${tx}" y="${lanesHeight + 17}">${formatTick(ms)}</text>`;
  });

  return html`<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Timeline of ${spans.length} trace spans over ${formatMs(total)}">
<defs><pattern id="${hatchId}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fde68a"></rect><line x1="0" y1="0" x2="0" y2="6" stroke="#b45309" stroke-width="3"></line></pattern></defs>
${lanes}
${ticks}
<line class="axis" x1="${LABEL_WIDTH}" y1="${lanesHeight}" x2="${LABEL_WIDTH + PLOT_WIDTH}" y2="${lanesHeight}"></line>
${bars}
</svg>`;
}

/** The time the timeline spans: the cell's duration, or the last span's end if that is later. */
export function timelineExtent(cell: CellResult): number {
  const ends = cell.trace.spans.map((s) => s.start_ms + s.duration_ms);
  return Math.max(1, cell.timing.duration_ms, ...ends);
}

/** Tick positions at a 1-2-5 step, about five across. */
export function axisTicks(total: number): number[] {
  const rough = total / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? magnitude * 10;
  const ticks: number[] = [];
  for (let t = 0; t <= total + 1e-9; t += step) ticks.push(Math.round(t * 1000) / 1000);
  return ticks;
}

function formatTick(ms: number): string {
  if (ms === 0) return "0";
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(3))} s`;
}

/** Name, start, duration and the span's scalar attributes, one per line. */
function spanTooltip(span: TraceSpan): string {
  const lines = [span.name, `start ${formatMs(span.start_ms)} · duration ${formatMs(span.duration_ms)}`];
  for (const [key, value] of Object.entries(span.attrs)) {
    if (value === null || typeof value === "object") continue;
    const text = String(value);
    lines.push(`${key}: ${text.length > 100 ? `${text.slice(0, 99)}…` : text}`);
  }
  if (span.error) lines.push(`error: ${span.error}`);
  return lines.join("\n");
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
