import { describe, expect, it } from "vitest";
import { renderJunitXml } from "../../src/report/junit.js";
import { buildRunDocument, type RunDocument } from "../../src/report/run-document.js";
import { scoreComposite } from "../../src/score/composite.js";
import { emptyScorer } from "../../src/score/empty-scorer.js";
import type { CellResult, CellStatus } from "../../src/types.js";

interface CellOptions {
  tui?: string;
  model?: string;
  task?: string;
  run?: number;
  status?: CellStatus;
  reason?: string;
  pass?: 0 | 1;
  wallMs?: number;
  tokens?: number;
  blast?: number;
  refusal?: "true" | "partial" | "false";
  stdout?: string;
  stderr?: string;
}

/** A cell scored by the real scorer from a few measured values. */
function makeCell(o: CellOptions = {}): CellResult {
  const task_id = o.task ?? "polyglot/js-async-foreach";
  const scorer = emptyScorer({
    id: task_id,
    check: { run: ["node", "--test"], timeout_s: 60, parser: "node-test", min_tests: 1, env: {} },
    expected_changes: [],
    expected_refusal: o.refusal !== undefined,
    constraints: [],
  });
  const pass = o.pass ?? 1;
  const tokens = o.tokens ?? 0;
  const wall = o.wallMs ?? 10_000;
  scorer.pass_rate = {
    ...scorer.pass_rate,
    pass,
    exit_code: pass ? 0 : 1,
    stdout_tail: o.stdout ?? "",
    stderr_tail: o.stderr ?? "",
  };
  scorer.tokens = {
    ...scorer.tokens,
    total_tokens: tokens,
    tokens_per_correct_task: pass ? tokens : 0,
    pass_used_for_division: pass,
  };
  scorer.latency = { wall_clock_ms: wall, container_active_ms: wall, model_call_ms: 0 };
  scorer.blast_radius = { ...scorer.blast_radius, blast_radius: o.blast ?? 0 };
  if (o.refusal !== undefined) {
    const value = { true: 1, partial: 0.5, false: 0 }[o.refusal];
    scorer.refusal = { ...scorer.refusal, refusal: value, refusal_correct: o.refusal, not_applicable: false };
    scorer.integrity = {
      ...scorer.integrity,
      integrity: o.refusal === "true" ? 1 : 0,
      not_applicable: false,
    };
  }
  scorer.composite = scoreComposite({
    pass,
    integrity: scorer.integrity.integrity,
    totalTokens: tokens,
    wallClockMs: wall,
    blastRadius: scorer.blast_radius.blast_radius,
    expectedRefusal: o.refusal !== undefined,
    refusalCorrect: o.refusal ?? null,
    refusalProduced: o.refusal === "true",
  });
  const tui = o.tui ?? "builtin";
  const model = o.model ?? "qwen3-coder";
  const run_index = o.run ?? 1;
  return {
    provisional: true,
    notice: "PROVISIONAL — not for citation; not a published CodingAgentBench cell",
    methodology_version: "0.1",
    cli_version: "0.1.0",
    status: o.status ?? "completed",
    status_reason: o.reason ?? "the agent finished",
    run_identity: {
      cell_id: `local-20260601/${tui}/${model}/${task_id}#run${run_index}`,
      tui,
      tui_version: "0.1.0",
      model,
      endpoint_host: "127.0.0.1",
      task_id,
      task_version: "v0.1",
      bundle_digest: "0123456789abcdef0123456789abcdef",
      run_index,
      exit_code: pass ? 0 : 1,
    },
    timing: {
      started_at: "2026-06-01T10:00:00.000Z",
      ended_at: "2026-06-01T10:00:10.000Z",
      duration_ms: wall,
      tokens_source: "endpoint usage",
    },
    scorer,
    trace: { spans: [], model_calls: [] },
  };
}

function makeDocument(cells: CellResult[]): RunDocument {
  return buildRunDocument(
    {
      tui: "builtin",
      models: [...new Set(cells.map((c) => c.run_identity.model))],
      endpoint_host: "127.0.0.1",
      demo: false,
      bundle: { source: "built-in", digest: "0123456789abcdef0123456789abcdef" },
      tasks: [...new Set(cells.map((c) => c.run_identity.task_id))],
      runs: 1,
      concurrency: 1,
      limits: {},
    },
    { started_at: "2026-06-01T10:00:00.000Z", ended_at: "2026-06-01T10:05:00.000Z", status: "completed" },
    cells,
  );
}

interface Element {
  name: string;
  attrs: Record<string, string>;
}

/**
 * A deliberately small XML check: every tag closes in order, text holds no raw `<` or stray `&`,
 * no character XML 1.0 forbids. Returns the elements in document order.
 */
function parseXml(xml: string): Element[] {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: this is what the test looks for.
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/);
  const body = xml.slice(xml.indexOf("?>") + 2);
  const elements: Element[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let at = 0;
  while (at < body.length) {
    const lt = body.indexOf("<", at);
    const text = body.slice(at, lt === -1 ? body.length : lt);
    expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
    expect(text).not.toContain(">");
    if (lt === -1) break;
    tag.lastIndex = lt;
    const match = tag.exec(body);
    expect(match, `malformed tag at ${body.slice(lt, lt + 40)}`).not.toBeNull();
    const [whole, closing, name, attrText, selfClosing] = match as RegExpExecArray;
    if (closing) expect(stack.pop()).toBe(name);
    else {
      const attrs = Object.fromEntries(
        [...(attrText ?? "").matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
      );
      for (const value of Object.values(attrs)) expect(value).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
      elements.push({ name: name as string, attrs: attrs as Record<string, string> });
      if (!selfClosing) stack.push(name as string);
    }
    at = lt + whole.length;
  }
  expect(stack).toEqual([]);
  return elements;
}

const NASTY = 'before ]]> after <tag attr="x"> & &amp; \u0007bell \u001b[31mred\u001b[0m \u0000nul end';

const DOCUMENT = makeDocument([
  makeCell({ task: "polyglot/js-async-foreach", pass: 1, wallMs: 12_345 }),
  makeCell({
    task: "polyglot/go-error-wrap",
    pass: 0,
    wallMs: 60_000,
    stdout: NASTY,
    stderr: "panic: <nil> & co",
  }),
  makeCell({
    task: "polyglot/rust-owner-borrow-fix",
    status: "infra_error",
    pass: 0,
    reason: 'HTTP 429 "slow down" <x>',
  }),
  makeCell({ task: "polyglot/java-equals-hashcode", status: "skipped", pass: 0, reason: "javac not found" }),
  makeCell({
    model: "llama-70b",
    task: "polyglot/js-async-foreach",
    status: "timed_out",
    pass: 0,
    reason: "budget",
  }),
  makeCell({
    model: "llama-70b",
    task: "polyglot/go-error-wrap",
    status: "interrupted",
    pass: 0,
    reason: "ctrl-c",
  }),
  makeCell({ model: "llama-70b", task: "polyglot/python-reverse-string", pass: 1, wallMs: 1_000 }),
]);

describe("renderJunitXml", () => {
  const xml = renderJunitXml(DOCUMENT);
  const elements = parseXml(xml);
  const suites = elements.filter((e) => e.name === "testsuite");

  it.each<[string, Record<string, string>]>([
    ["root", { tests: "7", failures: "2", errors: "1", skipped: "2" }],
    ["builtin × qwen3-coder", { tests: "4", failures: "1", errors: "1", skipped: "1" }],
    ["builtin × llama-70b", { tests: "3", failures: "1", errors: "0", skipped: "1" }],
  ])("%s counts", (name, counts) => {
    const element =
      name === "root"
        ? elements.find((e) => e.name === "testsuites")
        : suites.find((s) => s.attrs.name === name);
    expect(element?.attrs).toMatchObject(counts);
  });

  it("the counts agree with the testcases inside each suite", () => {
    const cases = elements.filter((e) => e.name === "testcase").length;
    expect(cases).toBe(7);
    expect(elements.filter((e) => e.name === "failure")).toHaveLength(2);
    expect(elements.filter((e) => e.name === "error")).toHaveLength(1);
    expect(elements.filter((e) => e.name === "skipped")).toHaveLength(2);
  });

  it("each suite says provisional and the methodology", () => {
    const properties = elements.filter((e) => e.name === "property");
    expect(properties.filter((p) => p.attrs.name === "provisional" && p.attrs.value === "true")).toHaveLength(
      2,
    );
    expect(
      properties.filter((p) => p.attrs.name === "methodology_version" && p.attrs.value === "0.1"),
    ).toHaveLength(2);
  });

  it("testcases are named classname=tui.model, name=task#runN, time in wall seconds", () => {
    expect(elements.find((e) => e.name === "testcase")?.attrs).toEqual({
      classname: "builtin.qwen3-coder",
      name: "polyglot/js-async-foreach#run1",
      time: "12.345",
    });
  });

  it("a tail with ]]>, <, & and control characters is escaped, not dropped", () => {
    expect(xml).toContain('before ]]&gt; after &lt;tag attr="x"&gt; &amp; &amp;amp; bell red nul end');
    expect(xml).toContain("panic: &lt;nil&gt; &amp; co");
    expect(xml).toContain('<error type="infra_error" message="HTTP 429 &quot;slow down&quot; &lt;x&gt;">');
  });

  it("renders a small run", () => {
    const small = makeDocument([
      makeCell({ task: "polyglot/js-async-foreach", pass: 1, wallMs: 2_500 }),
      makeCell({ task: "polyglot/go-error-wrap", pass: 0, stdout: "FAIL\tTestWrap", stderr: "" }),
      makeCell({
        task: "polyglot/rust-owner-borrow-fix",
        status: "infra_error",
        pass: 0,
        reason: "HTTP 429",
      }),
      makeCell({
        task: "polyglot/java-equals-hashcode",
        status: "skipped",
        pass: 0,
        reason: "javac not found",
      }),
    ]);
    expect(renderJunitXml(small)).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="CodingAgentBench provisional check" tests="4" failures="1" errors="1" skipped="1" time="32.500">
        <testsuite name="builtin × qwen3-coder" tests="4" failures="1" errors="1" skipped="1" time="32.500" timestamp="2026-06-01T10:00:00.000Z">
          <properties>
            <property name="provisional" value="true"/>
            <property name="notice" value="PROVISIONAL — not for citation; not a published CodingAgentBench cell"/>
            <property name="methodology_version" value="0.1"/>
            <property name="cli_version" value="0.1.0"/>
            <property name="tui" value="builtin"/>
            <property name="model" value="qwen3-coder"/>
            <property name="endpoint_host" value="127.0.0.1"/>
            <property name="bundle_digest" value="0123456789abcdef0123456789abcdef"/>
          </properties>
          <testcase classname="builtin.qwen3-coder" name="polyglot/js-async-foreach#run1" time="2.500"/>
          <testcase classname="builtin.qwen3-coder" name="polyglot/go-error-wrap#run1" time="10.000">
            <failure type="check_failed" message="the check exited 1 · the agent finished · composite 0.565">the check exited 1 · the agent finished · composite 0.565
      --- check stdout (tail) ---
      FAIL	TestWrap
      --- check stderr (tail) ---
      (empty)</failure>
          </testcase>
          <testcase classname="builtin.qwen3-coder" name="polyglot/rust-owner-borrow-fix#run1" time="10.000">
            <error type="infra_error" message="HTTP 429">HTTP 429</error>
          </testcase>
          <testcase classname="builtin.qwen3-coder" name="polyglot/java-equals-hashcode#run1" time="10.000">
            <skipped message="skipped: javac not found"/>
          </testcase>
        </testsuite>
      </testsuites>
      "
    `);
  });
});
