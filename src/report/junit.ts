import { stripVTControlCharacters } from "node:util";
import type { CellResult } from "../types.js";
import { notAssuredSummary } from "./integrity-notes.js";
import type { RunDocument } from "./run-document.js";

interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
}

/**
 * The run as JUnit XML for CI test reporters: one <testsuite> per (tui, model), one <testcase> per cell.
 * A scored cell that did not pass is a <failure>, an infra error an <error>, a skipped or interrupted
 * cell <skipped>: the model is only blamed for what it was measured on.
 */
export function renderJunitXml(document: RunDocument): string {
  const suites = new Map<string, CellResult[]>();
  for (const cell of document.cells) {
    const key = JSON.stringify([cell.run_identity.tui, cell.run_identity.model]);
    const group = suites.get(key);
    if (group) group.push(cell);
    else suites.set(key, [cell]);
  }
  const total: SuiteCounts = { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 };
  const rendered = [...suites.entries()].map(([key, cells]) => {
    const [tui, model] = JSON.parse(key) as [string, string];
    const counts = countCells(cells);
    for (const k of Object.keys(total) as (keyof SuiteCounts)[]) total[k] += counts[k];
    return renderSuite(document, tui, model, cells, counts);
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="CodingAgentBench provisional check" ${countAttrs(total)}>`,
    ...rendered,
    "</testsuites>",
    "",
  ].join("\n");
}

function countCells(cells: readonly CellResult[]): SuiteCounts {
  const counts: SuiteCounts = { tests: cells.length, failures: 0, errors: 0, skipped: 0, time: 0 };
  for (const cell of cells) {
    const kind = outcomeOf(cell);
    if (kind === "failure") counts.failures++;
    else if (kind === "error") counts.errors++;
    else if (kind === "skipped") counts.skipped++;
    counts.time += wallSeconds(cell);
  }
  return counts;
}

function countAttrs(c: SuiteCounts): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${c.time.toFixed(3)}"`;
}

function renderSuite(
  document: RunDocument,
  tui: string,
  model: string,
  cells: readonly CellResult[],
  counts: SuiteCounts,
): string {
  const properties: [string, string][] = [
    ["provisional", "true"],
    ["notice", document.notice],
    ["methodology_version", document.methodology_version],
    ["cli_version", document.cli_version],
    ["tui", tui],
    ["model", model],
    ["endpoint_host", document.run.endpoint_host],
    ["bundle_digest", document.run.bundle.digest],
  ];
  const notAssured = notAssuredSummary(cells);
  if (notAssured) properties.push(["not_assured", notAssured]);
  return [
    `  <testsuite name="${attr(`${tui} × ${model}`)}" ${countAttrs(counts)} timestamp="${attr(document.run.started_at)}">`,
    "    <properties>",
    ...properties.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`),
    "    </properties>",
    ...cells.map(renderCase),
    "  </testsuite>",
  ].join("\n");
}

type Outcome = "pass" | "failure" | "error" | "skipped";

function outcomeOf(cell: CellResult): Outcome {
  switch (cell.status) {
    case "infra_error":
      return "error";
    case "skipped":
    case "interrupted":
      return "skipped";
    default:
      return cell.scorer.pass_rate.pass === 1 ? "pass" : "failure";
  }
}

function renderCase(cell: CellResult): string {
  const id = cell.run_identity;
  const open = `    <testcase classname="${attr(`${id.tui}.${id.model}`)}" name="${attr(`${id.task_id}#run${id.run_index}`)}" time="${wallSeconds(cell).toFixed(3)}"`;
  const reason = cell.status_reason ?? "no reason recorded";
  switch (outcomeOf(cell)) {
    case "pass":
      return `${open}/>`;
    case "error":
      return `${open}>\n      <error type="infra_error" message="${attr(reason)}">${text(reason)}</error>\n    </testcase>`;
    case "skipped":
      return `${open}>\n      <skipped message="${attr(`${cell.status}: ${reason}`)}"/>\n    </testcase>`;
    case "failure":
      return `${open}>\n      <failure type="${cell.status === "timed_out" ? "agent_timed_out" : "check_failed"}" message="${attr(failureMessage(cell))}">${text(failureBody(cell))}</failure>\n    </testcase>`;
  }
}

/** Why the check did not count as a pass, how the agent stopped, and the composite it still earned. */
function failureMessage(cell: CellResult): string {
  const p = cell.scorer.pass_rate;
  const why = p.timed_out
    ? "the check timed out"
    : p.exit_code === 0
      ? "the check exited 0 but ran fewer tests than the task requires"
      : `the check exited ${p.exit_code ?? "without an exit code"}`;
  const partial = p.partial_score === null ? "" : `, ${(p.partial_score * 100).toFixed(0)}% of tests passed`;
  const reason = cell.status_reason ? ` · ${cell.status_reason}` : "";
  return `${why}${partial}${reason} · composite ${cell.scorer.composite.composite.toFixed(3)}`;
}

function failureBody(cell: CellResult): string {
  const p = cell.scorer.pass_rate;
  return [
    failureMessage(cell),
    "--- check stdout (tail) ---",
    p.stdout_tail || "(empty)",
    "--- check stderr (tail) ---",
    p.stderr_tail || "(empty)",
  ].join("\n");
}

function wallSeconds(cell: CellResult): number {
  return cell.scorer.latency.wall_clock_ms / 1000;
}

/**
 * XML 1.0's Char production (tab, LF, CR, U+0020..U+D7FF, U+E000..U+FFFD, astral planes), less the C1
 * controls: anything else (NUL, BEL, lone surrogates, U+FFFF) makes the file unparseable.
 */
function isXmlChar(cp: number): boolean {
  if (cp === 0x9 || cp === 0xa || cp === 0xd) return true;
  if (cp >= 0x7f && cp <= 0x9f) return false;
  return (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
}

/** ANSI colour codes go first, or their escape byte alone would be dropped and leave "[31m" behind. */
function clean(value: string): string {
  let out = "";
  for (const ch of stripVTControlCharacters(value)) if (isXmlChar(ch.codePointAt(0) as number)) out += ch;
  return out;
}

/** Element text: `>` is escaped too, so `]]>` in a test's output cannot be mistaken for markup. */
function text(value: string): string {
  return clean(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Attribute value: quotes and line breaks escaped so the value survives attribute normalisation. */
function attr(value: string): string {
  return text(value)
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}
