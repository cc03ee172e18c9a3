import { describe, expect, it } from "vitest";
import { renderJunitXml } from "../../src/report/junit.js";
import { makeCell, makeDocument } from "../helpers/make-cell.js";

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
