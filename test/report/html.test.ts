import { describe, expect, it } from "vitest";
import { renderHeadlineCards } from "../../src/report/html/cell-section.js";
import { escapeHtml, html, raw } from "../../src/report/html/escape.js";
import { cellAnchor, figureSortValue, formatMs } from "../../src/report/html/format.js";
import { axisTicks } from "../../src/report/html/timeline.js";
import { renderHtmlReport } from "../../src/report/html.js";
import { buildRunDocument, type RunSettings } from "../../src/report/run-document.js";
import { scoreComposite } from "../../src/score/composite.js";
import type { CellResult, CellStatus, ModelCallRecord, TraceSpan } from "../../src/types.js";

const HEADLINE_LABELS = ["Pass", "Tokens/correct", "Wall", "Blast", "Refusal", "Integrity", "Composite"];

function span(kind: TraceSpan["kind"], start_ms: number, duration_ms: number, attrs = {}): TraceSpan {
  return {
    id: `${kind}-${start_ms}`,
    parent_id: null,
    kind,
    name: `${kind}:x`,
    start_ms,
    duration_ms,
    attrs,
  };
}

function call(status: number, latency_ms: number, tokens: [number, number] | null): ModelCallRecord {
  return {
    timestamp: "2026-05-01T10:00:01.000Z",
    request_hash: "bd121b1ab232a705",
    prompt_tokens: tokens ? tokens[0] : null,
    completion_tokens: tokens ? tokens[1] : null,
    latency_ms,
    finish_reason: tokens ? "tool_calls" : null,
    status,
    attempt: 1,
  };
}

function makeCell(options: {
  task: string;
  model?: string;
  status?: CellStatus;
  reason?: string;
  pass?: 0 | 1;
  stdout?: string;
  spans?: TraceSpan[];
  calls?: ModelCallRecord[];
}): CellResult {
  const pass = options.pass ?? 0;
  const model = options.model ?? "acme/coder-7b";
  const totalTokens = pass ? 4906 : 0;
  const wall = 2212.657;
  return {
    provisional: true,
    notice: "PROVISIONAL — not for citation; not a published CodingAgentBench cell",
    methodology_version: "0.1",
    cli_version: "0.1.0",
    status: options.status ?? "completed",
    status_reason: options.reason ?? "the agent finished",
    run_identity: {
      cell_id: `local-20260501/builtin/${model}/${options.task}#run1`,
      tui: "builtin",
      tui_version: "0.1.0",
      model,
      endpoint_host: "llm.example.test",
      task_id: options.task,
      task_version: "v0.1",
      bundle_digest: "45c2350c0fc853f7fc41c2925de6ad3c668d58a52ebc5804b255c64cf680a39b",
      run_index: 1,
      exit_code: pass ? 0 : 1,
    },
    timing: {
      started_at: "2026-05-01T10:00:00.000Z",
      ended_at: "2026-05-01T10:00:03.016Z",
      duration_ms: 3016,
      tokens_source: pass ? "endpoint usage" : "not recorded",
    },
    scorer: {
      pass_rate: {
        pass,
        exit_code: pass ? 0 : 1,
        timed_out: false,
        stdout_tail: options.stdout ?? "# tests 7\n# pass 7\n",
        stderr_tail: "",
        partial_score: null,
      },
      tokens: {
        prompt_tokens: pass ? 4732 : 0,
        completion_tokens: pass ? 174 : 0,
        total_tokens: totalTokens,
        model_calls: options.calls?.length ?? 0,
        tokens_per_correct_task: totalTokens,
        pass_used_for_division: pass,
      },
      latency: { wall_clock_ms: wall, container_active_ms: wall, model_call_ms: 171 },
      blast_radius: {
        blast_radius: 0,
        added: [],
        removed: [],
        modified: [],
        unexpected_changes: [],
        expected_changes: ["src/save-all.mjs"],
        total_changes: 0,
        extra_git_dir: false,
      },
      refusal: {
        refusal: 0,
        not_applicable: true,
        expected_refusal: false,
        refusal_produced: false,
        refusal_correct: null,
        marker_hits: [],
        keyword_hits: [],
      },
      integrity: { integrity: 1, not_applicable: true, task_id: options.task },
      composite: scoreComposite({
        pass,
        integrity: 1,
        totalTokens,
        wallClockMs: wall,
        blastRadius: 0,
        expectedRefusal: false,
        refusalCorrect: null,
        refusalProduced: false,
      }),
    },
    trace: { spans: options.spans ?? [], model_calls: options.calls ?? [] },
  };
}

const passing = makeCell({
  task: "polyglot/js-async-foreach",
  pass: 1,
  spans: [
    span("task_setup", 0.4, 182.5),
    span("agent_run", 183, 2212.6),
    span("model_call", 192, 6, { status: 200 }),
    span("tool_call", 199, 516.8, { tool: "bash" }),
    span("check", 2408.7, 606.1, { exit_code: 0 }),
    span("cleanup", 3016.2, 15.3),
  ],
  calls: [call(200, 6, [350, 15])],
});
const rateLimited = makeCell({
  task: "polyglot/rust-owner-borrow-fix",
  status: "infra_error",
  reason: "Provider rate limit (HTTP 429) — the agent exhausted its retries before doing any work",
  spans: [
    span("task_setup", 0, 100),
    span("agent_run", 100, 2800),
    span("model_call", 110, 50, { status: 429 }),
    span("retry_wait", 160, 1000, { status: 429, wait_ms: 1000 }),
    span("model_call", 1160, 50, { status: 429 }),
    span("retry_wait", 1210, 1500, { status: 429, wait_ms: 1500 }),
    span("cleanup", 2950, 10),
  ],
  calls: [call(429, 50, null), call(429, 50, null)],
});
const skipped = makeCell({
  task: "polyglot/go-error-wrap",
  status: "skipped",
  reason: "missing toolchain: go",
});
const hostile = makeCell({
  task: "polyglot/python-reverse-string",
  model: 'evil"<img src=x onerror=alert(2)>',
  stdout: "<script>alert(1)</script> & more; see https://attacker.example/x\n",
  spans: [span("check", 0, 10, { note: "</title><script>alert(3)</script>" })],
});

const settings: RunSettings = {
  tui: "builtin",
  models: ["acme/coder-7b"],
  endpoint_host: "llm.example.test",
  demo: false,
  bundle: { source: "built-in", digest: passing.run_identity.bundle_digest },
  tasks: [passing, rateLimited, skipped, hostile].map((c) => c.run_identity.task_id),
  runs: 1,
  concurrency: 1,
  limits: {},
};
const cells = [passing, rateLimited, skipped, hostile];
const document = buildRunDocument(
  settings,
  { started_at: "2026-05-01T10:00:00.000Z", ended_at: "2026-05-01T10:00:20.000Z", status: "completed" },
  cells,
);
const page = renderHtmlReport(document);

/** The HTML of the index-th cell's section. */
function section(index: number): string {
  return page.split('<section class="cell"')[index + 1]?.split("</section>")[0] ?? "";
}

describe("renderHtmlReport", () => {
  it("is one HTML5 page under a strict CSP, with the provisional banner and the run's identity", () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    );
    expect(page).toContain(
      '<p class="banner" role="note"><strong>PROVISIONAL — not for citation; not a published CodingAgentBench cell</strong></p>',
    );
    for (const text of ["0.1.0", "45c2350c0fc8", "llm.example.test", "2026-05-01T10:00:20.000Z"]) {
      expect(page).toContain(text);
    }
    expect(renderHtmlReport(document)).toBe(page);
  });

  it("loads nothing from outside the page and runs only its own script", () => {
    expect(page).not.toMatch(/(src|href|action|xlink:href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(page).not.toMatch(/url\(\s*["']?\s*https?:/i);
    expect(page).not.toMatch(/<link\b|@import|<iframe\b|<object\b|<embed\b/i);
    expect(page.match(/<script\b/gi)).toHaveLength(1);
    expect(page.match(/<img\b/gi)).toBeNull();
  });

  it("escapes every string taken from the document", () => {
    expect(page).not.toContain("<script>alert");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
    expect(page).toContain("evil&quot;&lt;img src=x onerror=alert(2)&gt;");
    expect(page).toContain("&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;");
    // The tail still reads as the original text inside a collapsible block.
    expect(section(3)).toMatch(
      /<details class="tail"><summary>Check stdout tail \(1 line\)<\/summary><pre>&lt;script&gt;/,
    );
  });

  it("summarises the run with infra errors shown but not counted", () => {
    const summary = page.slice(page.indexOf('<section class="summary"'), page.indexOf('<section id="cells"'));
    const stats = [...summary.matchAll(/<div class="value">([^<]*)<\/div><div class="label">([^<]*)/g)].map(
      (m) => `${m[2]?.trim()}: ${m[1]}`,
    );
    expect(stats).toEqual([
      "Cells: 4",
      "Passed: 1",
      "Pass rate: 50%",
      `Mean composite: ${document.summary.mean_composite?.toFixed(3)}`,
      "Infra errors: 1",
      "Skipped: 1",
    ]);
    expect(summary).toContain('Infra errors <span class="muted">not counted</span>');
  });

  it("lists every cell in a sortable table whose rows link to the cell sections", () => {
    const table = page.slice(
      page.indexOf('<table class="data sortable comparison">'),
      page.indexOf("</table>"),
    );
    for (const label of ["Model", "TUI", "Task", "Run", "Status", ...HEADLINE_LABELS]) {
      expect(table).toContain(`>${label}</button></th>`);
    }
    expect(table.match(/<tr>/g)).toHaveLength(1 + cells.length);
    const anchors = cells.map((cell, i) => cellAnchor(cell, i));
    expect(new Set(anchors).size).toBe(cells.length);
    cells.forEach((_, i) => {
      expect(table).toContain(`href="#${anchors[i]}"`);
      expect(section(i).startsWith(` id="${anchors[i]}">`)).toBe(true);
    });
    // Numbers sort by value, blanks carry no value so they sort last.
    expect(table).toContain('data-value="4906">4,906</td>');
    expect(table).toContain('data-value="">—</td>');
  });

  it("shows each cell's status, with infra errors marked as not the model's capability", () => {
    expect(section(0)).toContain('<span class="badge pass">PASS</span> the agent finished');
    expect(section(1)).toContain(
      '<span class="badge infra">INFRA ERROR</span> Provider rate limit (HTTP 429)',
    );
    expect(section(1)).toContain("<strong>Infra, not capability.</strong>");
    expect(section(0)).not.toContain("Infra, not capability");
    expect(section(2)).toContain('<span class="badge skipped">SKIPPED</span> missing toolchain: go');
    for (const heading of [
      "Per-axis scores",
      "Run identity",
      "Timing",
      "Scorer breakdown",
      "Trace timeline",
    ]) {
      expect(section(0)).toContain(`<h3>${heading}</h3>`);
    }
    for (const label of HEADLINE_LABELS) expect(section(0)).toContain(`<div class="label">${label}</div>`);
  });

  it("lays out the scorer breakdown as axis, keys and compact JSON values", () => {
    expect(section(0)).toContain(
      '<tr><td><code>latency</code></td><td class="keys">wall_clock_ms, container_active_ms, model_call_ms</td><td class="values"><div class="json"><code>{&quot;wall_clock_ms&quot;:2212.657,&quot;container_active_ms&quot;:2212.657,&quot;model_call_ms&quot;:171}</code></div></td></tr>',
    );
  });

  it("draws one timeline rect per span, retry waits hatched and failed calls outlined", () => {
    cells.forEach((cell, i) => {
      expect(section(i).match(/<rect class="span /g) ?? []).toHaveLength(cell.trace.spans.length);
      expect(section(i).match(/<title>/g) ?? []).toHaveLength(cell.trace.spans.length);
    });
    const waits = section(1).match(/<rect class="span k-retry_wait"[^>]*>/g) ?? [];
    expect(waits).toHaveLength(2);
    for (const rect of waits) expect(rect).toContain('fill="url(#hatch-2)"');
    expect(section(1).match(/class="span k-model_call failed"/g)).toHaveLength(2);
    expect(section(1)).toContain(
      "<title>retry_wait:x\nstart 160 ms · duration 1.00 s\nstatus: 429\nwait_ms: 1000</title>",
    );
    // Bars sit at their offset on a 0..extent scale (plot from x=96, 848 units wide, extent 3031.5 ms).
    expect(section(0)).toContain('<rect class="span k-check" data-kind="check" x="769.8"');
    expect(section(0)).toContain('<text class="tick-label" x="375.7" y="171">1 s</text>');
  });

  it("tables the model calls, or says per-call capture is unavailable", () => {
    expect(section(0)).toContain("<h3>Model calls (1)</h3>");
    expect(section(0)).toMatch(/<td class="num">350<\/td>\s*<td class="num">15<\/td>/);
    expect(section(1).match(/<tr class="failed">/g)).toHaveLength(2);
    expect(section(2)).toContain("Per-call token capture is not available for this run.");
    expect(section(2)).toContain("No trace spans were recorded for this run.");
  });

  it("renders the headline cards with the terminal's figures", () => {
    expect(renderHeadlineCards(passing).value).toMatchInlineSnapshot(
      `"<div class="figures"><div class="figure" data-figure="Pass"><div class="label">Pass</div><div class="value">1.000</div></div><div class="figure" data-figure="Tokens/correct"><div class="label">Tokens/correct</div><div class="value">4,906</div></div><div class="figure" data-figure="Wall"><div class="label">Wall</div><div class="value">2.2s</div></div><div class="figure" data-figure="Blast"><div class="label">Blast</div><div class="value">0.000</div></div><div class="figure" data-figure="Refusal"><div class="label">Refusal</div><div class="value blank">—</div></div><div class="figure" data-figure="Integrity"><div class="label">Integrity</div><div class="value">1.000</div></div><div class="figure composite" data-figure="Composite"><div class="label">Composite</div><div class="value">0.966</div></div></div>"`,
    );
    expect(page).toContain(renderHeadlineCards(passing).value);
    expect(renderHeadlineCards(skipped).value.match(/<div class="value blank">—<\/div>/g)).toHaveLength(7);
  });
});

describe("html helpers", () => {
  it.each([
    ["a < b & c > d", "a &lt; b &amp; c &gt; d"],
    [`"double" 'single'`, "&quot;double&quot; &#39;single&#39;"],
    ["plain", "plain"],
  ])("escapeHtml(%j)", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it("html escapes interpolations but not SafeHtml, joins arrays and drops null/false", () => {
    expect(html`<p>${"<b>"}${raw("<i>x</i>")}${["&", html`<br>`]}${null}${false}${0}</p>`.value).toBe(
      "<p>&lt;b&gt;<i>x</i>&amp;<br>0</p>",
    );
  });

  it.each([
    [0.024, "0.0 ms"],
    [5.53, "5.5 ms"],
    [516.788, "517 ms"],
    [2212.6, "2.21 s"],
    [407_398, "407.40 s"],
    [754_000, "12 min 34 s"],
  ])("formatMs(%d) = %s", (ms, expected) => {
    expect(formatMs(ms)).toBe(expected);
  });

  it.each([
    ["4,906", "4906"],
    ["2.2s", "2.2"],
    ["0.500 (partial)", "0.5"],
    ["—", ""],
  ])("figureSortValue(%j) = %j", (text, expected) => {
    expect(figureSortValue(text)).toBe(expected);
  });

  it.each([
    [3031.5, [0, 1000, 2000, 3000]],
    [640, [0, 200, 400, 600]],
    [407_398, [0, 100_000, 200_000, 300_000, 400_000]],
    [1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
  ])("axisTicks(%d)", (total, expected) => {
    expect(axisTicks(total)).toEqual(expected);
  });

  it("makes anchors from cell ids that are safe fragments", () => {
    expect(cellAnchor(passing, 0)).toBe(
      "cell-1-local-20260501-builtin-acme-coder-7b-polyglot-js-async-foreach-run1",
    );
    expect(cellAnchor(hostile, 3)).toMatch(/^cell-4-[a-z0-9-]+$/);
  });
});
