import { PROBE_TITLES, type ProbeResult, type ProbeStatus } from "./types.js";

const MARKS: Record<ProbeStatus, string> = { ok: "✓", warn: "!", fail: "✗", skip: "-", info: "·" };
const TITLE_WIDTH = Math.max(...Object.values(PROBE_TITLES).map((title) => title.length));

/** One checklist line, `✓ title  detail`, with the hint indented under it. */
export function renderProbeLine(result: ProbeResult): string {
  const line = `${MARKS[result.status]} ${result.title.padEnd(TITLE_WIDTH)}  ${result.detail}`;
  return result.hint ? `${line}\n${" ".repeat(TITLE_WIDTH + 4)}hint: ${result.hint}` : line;
}
