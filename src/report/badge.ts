import type { CellResult } from "../types.js";
import type { RunDocument } from "./run-document.js";
import { isScored } from "./stats.js";

/** shields.io's named colours (the subset badges here use) and any #hex. */
export const BADGE_COLORS = {
  green: "#97ca00",
  yellowgreen: "#a4a61d",
  orange: "#fe7d37",
  red: "#e05d44",
  grey: "#9f9f9f",
  label: "#555",
} as const;

export type BadgeColor = keyof typeof BADGE_COLORS | `#${string}`;

export interface BadgeOptions {
  label: string;
  value: string;
  color: BadgeColor;
  /** Tooltip and accessible name; defaults to "label: value". */
  title?: string;
}

export const BADGE_LABEL = "CAB provisional";

/**
 * Approximate advance widths of 11px Verdana, in px, grouped by width (from the font's metrics,
 * rounded to 0.1). Close enough that the text fits its box; shields.io measures the same font.
 */
const WIDTH_GROUPS: [number, string][] = [
  [3.0, "il|"],
  [3.8, "fj "],
  [4.0, ",.:;'·"],
  [4.3, "t!I"],
  [4.7, "r-"],
  [5.0, "J"],
  [5.7, "cs"],
  [5.8, "z"],
  [6.0, "()[]{}"],
  [6.5, "kvxye"],
  [6.6, "aFP"],
  [6.8, "bdgpqoTY"],
  [7.0, "0123456789hnu_$E?L/\\"],
  [7.6, "ABCKRSVXZ"],
  [8.3, "DHNU"],
  [8.6, "GOQ"],
  [9.0, "+=<>#×±~^*"],
  [9.3, "M"],
  [10.7, "m"],
  [10.9, "wW"],
  [11.0, "@—%"],
];
const CHAR_WIDTH = new Map(WIDTH_GROUPS.flatMap(([w, chars]) => [...chars].map((ch) => [ch, w] as const)));
/** Characters the table does not know: the width of a digit; wide scripts get an em. */
const DEFAULT_WIDTH = 7.0;
const WIDE_WIDTH = 11.0;

/** Approximate rendered width of text in 11px Verdana, px. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const known = CHAR_WIDTH.get(ch);
    width += known ?? ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? WIDE_WIDTH : DEFAULT_WIDTH);
  }
  return width;
}

/** Horizontal padding on each side of each half, as shields.io's flat style. */
const PADDING = 5;

/** A two-part badge in the shields.io "flat" style: grey label, coloured value, shadowed text. */
export function renderBadge(options: BadgeOptions): string {
  const { label, value } = options;
  const color = options.color.startsWith("#")
    ? options.color
    : BADGE_COLORS[options.color as keyof typeof BADGE_COLORS];
  const title = options.title ?? `${label}: ${value}`;
  const labelText = textWidth(label);
  const valueText = textWidth(value);
  const left = Math.round(labelText + 2 * PADDING);
  const right = Math.round(valueText + 2 * PADDING);
  const width = left + right;
  // Text is drawn at 10× and scaled by 0.1, as shields.io does, for sub-pixel placement.
  const textAt = (x: number, textLength: number, body: string) => [
    `<text aria-hidden="true" x="${x * 10}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${Math.round(textLength * 10)}">${escapeXml(body)}</text>`,
    `<text x="${x * 10}" y="140" transform="scale(.1)" fill="#fff" textLength="${Math.round(textLength * 10)}">${escapeXml(body)}</text>`,
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${left}" height="20" fill="${BADGE_COLORS.label}"/><rect x="${left}" width="${right}" height="20" fill="${escapeXml(color)}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">',
    ...textAt(left / 2, labelText, label),
    ...textAt(left + right / 2, valueText, value),
    "</g>",
    "</svg>",
    "",
  ].join("\n");
}

/** Colour for a composite: ≥0.8 green, ≥0.6 yellowgreen, ≥0.4 orange, else red. */
export function compositeColor(composite: number): BadgeColor {
  if (composite >= 0.8) return "green";
  if (composite >= 0.6) return "yellowgreen";
  if (composite >= 0.4) return "orange";
  return "red";
}

/** One cell's badge: "CAB provisional | builtin × model 51%"; grey when the cell measured nothing. */
export function badgeForCell(cell: CellResult): string {
  const id = cell.run_identity;
  const who = `${id.tui} × ${id.model}`;
  const where = `${id.task_id} run ${id.run_index}`;
  if (!isScored(cell)) {
    const status = cell.status === "infra_error" ? "infra error" : cell.status;
    return renderBadge({
      label: BADGE_LABEL,
      value: `${who} ${status}`,
      color: "grey",
      title: `${BADGE_LABEL} — not for citation: ${who} ${status} on ${where}`,
    });
  }
  const composite = cell.scorer.composite.composite;
  const value = `${who} ${percent(composite)}`;
  return renderBadge({
    label: BADGE_LABEL,
    value,
    color: compositeColor(composite),
    title: `${BADGE_LABEL} — not for citation: ${value} composite on ${where}`,
  });
}

/** The run's badge: mean composite over the scored cells ("builtin × 3 models 62%" for several). */
export function badgeForRun(document: RunDocument): string {
  const models = document.run.models;
  const who = `${document.run.tui} × ${models.length === 1 ? models[0] : `${models.length} models`}`;
  const tasks = `${document.run.tasks.length} task(s) × ${document.run.runs} run(s)`;
  const mean = document.summary.mean_composite;
  if (mean === null) {
    return renderBadge({
      label: BADGE_LABEL,
      value: `${who} no scored cells`,
      color: "grey",
      title: `${BADGE_LABEL} — not for citation: ${who}, no scored cells (${tasks})`,
    });
  }
  const value = `${who} ${percent(mean)}`;
  return renderBadge({
    label: BADGE_LABEL,
    value,
    color: compositeColor(mean),
    title: `${BADGE_LABEL} — not for citation: ${value} mean composite over ${tasks}`,
  });
}

/** Composite ×100, rounded, as the published embed shows it ("51%"). */
function percent(composite: number): string {
  return `${Math.round(composite * 100)}%`;
}

function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
