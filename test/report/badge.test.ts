import { describe, expect, it } from "vitest";
import {
  BADGE_COLORS,
  type BadgeColor,
  badgeForCell,
  badgeForRun,
  compositeColor,
  renderBadge,
  textWidth,
} from "../../src/report/badge.js";
import { type CellOptions, makeCell, makeDocument } from "../helpers/make-cell.js";

/** Every tag closes, in order; returns the tag names opened. */
function checkWellFormed(svg: string): string[] {
  const stack: string[] = [];
  const names: string[] = [];
  for (const [tag, closing, name, selfClosing] of svg.matchAll(
    /<(\/?)([\w:-]+)(?:\s+[\w:-]+="[^"<]*")*\s*(\/?)>/g,
  )) {
    expect(tag).toBeDefined();
    if (closing) expect(stack.pop()).toBe(name);
    else {
      names.push(name as string);
      if (!selfClosing) stack.push(name as string);
    }
  }
  expect(stack).toEqual([]);
  // Nothing that looks like a tag was left unmatched by the pattern above.
  expect(svg.replace(/<(\/?)([\w:-]+)(?:\s+[\w:-]+="[^"<]*")*\s*(\/?)>/g, "")).not.toMatch(/[<>]/);
  return names;
}

const attr = (svg: string, name: string) =>
  Number(svg.match(new RegExp(`<svg [^>]*${name}="([\\d.]+)"`))?.[1]);
const fill = (svg: string) => svg.match(/<rect x="\d+" width="\d+" height="20" fill="([^"]+)"/)?.[1];

describe("renderBadge", () => {
  const svg = renderBadge({ label: "CAB provisional", value: "builtin × qwen3 51%", color: "orange" });

  it("is a standalone, well-formed SVG with a <title>", () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(checkWellFormed(svg)).toEqual(
      expect.arrayContaining(["svg", "title", "clipPath", "rect", "text"]),
    );
    expect(svg).toContain("<title>CAB provisional: builtin × qwen3 51%</title>");
    expect(fill(svg)).toBe(BADGE_COLORS.orange);
  });

  it("grows with its text", () => {
    const short = renderBadge({ label: "CAB provisional", value: "51%", color: "red" });
    const long = renderBadge({
      label: "CAB provisional",
      value: "builtin × a-much-longer-model-name 51%",
      color: "red",
    });
    expect(attr(short, "width")).toBeLessThan(attr(svg, "width"));
    expect(attr(svg, "width")).toBeLessThan(attr(long, "width"));
  });

  it("escapes text", () => {
    const nasty = renderBadge({ label: "a<b", value: 'x & "y"', color: "#123456" });
    checkWellFormed(nasty);
    expect(nasty).toContain("a&lt;b");
    expect(nasty).toContain("x &amp; &quot;y&quot;");
    expect(fill(nasty)).toBe("#123456");
  });

  it.each([
    ["iii", "WWW"],
    ["CAB", "CAB provisional"],
    ["1", "100%"],
  ])("%s is narrower than %s", (narrow, wide) => {
    expect(textWidth(narrow)).toBeLessThan(textWidth(wide));
  });
});

describe("compositeColor", () => {
  it.each<[number, BadgeColor]>([
    [1, "green"],
    [0.8, "green"],
    [0.799, "yellowgreen"],
    [0.6, "yellowgreen"],
    [0.507, "orange"],
    [0.4, "orange"],
    [0.399, "red"],
    [0, "red"],
  ])("%f → %s", (composite, color) => {
    expect(compositeColor(composite)).toBe(color);
  });
});

describe("badgeForCell / badgeForRun", () => {
  it.each<[string, CellOptions, string, string]>([
    ["a passing cell", { pass: 1, wallMs: 5_000 }, "builtin × qwen3-coder 98%", BADGE_COLORS.green],
    ["a failing cell", { pass: 0, wallMs: 400_000 }, "builtin × qwen3-coder 51%", BADGE_COLORS.orange],
    [
      "an infra error",
      { status: "infra_error", pass: 0 },
      "builtin × qwen3-coder infra error",
      BADGE_COLORS.grey,
    ],
    ["a skipped cell", { status: "skipped", pass: 0 }, "builtin × qwen3-coder skipped", BADGE_COLORS.grey],
  ])("%s", (_name, options, value, color) => {
    const svg = badgeForCell(makeCell(options));
    checkWellFormed(svg);
    expect(svg).toContain(`>${value}</text>`);
    expect(svg).toContain(">CAB provisional</text>");
    expect(svg).toMatch(
      /<title>CAB provisional — not for citation: .*polyglot\/js-async-foreach run 1<\/title>/,
    );
    expect(fill(svg)).toBe(color);
  });

  it("a run's badge shows the mean composite over scored cells; several models are counted", () => {
    const one = badgeForRun(makeDocument([makeCell({ pass: 1 }), makeCell({ pass: 0, run: 2 })]));
    checkWellFormed(one);
    expect(one).toContain(">builtin × qwen3-coder 77%</text>");
    expect(one).toContain("provisional");
    const two = badgeForRun(makeDocument([makeCell({ pass: 1 }), makeCell({ pass: 1, model: "llama-70b" })]));
    expect(two).toContain(">builtin × 2 models 97%</text>");
    const none = badgeForRun(makeDocument([makeCell({ status: "infra_error", pass: 0 })]));
    expect(none).toContain(">builtin × qwen3-coder no scored cells</text>");
    expect(fill(none)).toBe(BADGE_COLORS.grey);
  });
});
