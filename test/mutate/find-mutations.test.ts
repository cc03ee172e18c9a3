import { describe, expect, it } from "vitest";
import { applyMutation, findMutations, normaliseSource } from "../../src/mutate/find-mutations.js";
import type { MutateLanguage } from "../../src/mutate/languages.js";
import { OPERATOR_NAMES, type OperatorName } from "../../src/mutate/mutation-site.js";

/** Every mutant one operator makes of a snippet, as whole sources. */
function mutants(source: string, language: MutateLanguage, operator: OperatorName): string[] {
  return findMutations(source, language, [operator]).map((site) => applyMutation(source, site));
}

type Row = [operator: OperatorName, input: string, expected: string[]];

const TABLES: Record<MutateLanguage, Row[]> = {
  rust: [
    ["swap-comparator", "if a < b { x }", ["if a <= b { x }", "if a > b { x }"]],
    ["swap-comparator", "let v: Vec<u8> = f::<u8>(x);", []],
    ["negate-condition", "if a.len() > 0 { x }", ["if !(a.len() > 0) { x }"]],
    ["negate-condition", "if let Some(x) = y { z }", []],
    ["negate-condition", "if !done { x }", ["if done { x }", "if !(!done) { x }"]],
    ["off-by-one", "while i < n - 1 { }", ["while i < n - 0 { }", "while i < n - 2 { }"]],
    [
      "swap-arithmetic",
      "let r = self.limit - self.recent.len();",
      ["let r = self.limit + self.recent.len();"],
    ],
    ["swap-arithmetic", "let y = *x + 1;", ["let y = *x - 1;"]],
    ["swap-logical", "if a && b { }", ["if a || b { }"]],
    [
      "replace-constant",
      "let ok = true; let n = 7;",
      ["let ok = false; let n = 7;", "let ok = true; let n = 0;"],
    ],
    ["delete-statement", "fn f() {\n    self.expire(now);\n    g()\n}\n", ["fn f() {\n    g()\n}\n"]],
    ["swap-arguments", "let d = max(a, b);", ["let d = max(b, a);"]],
    ["swap-arguments", "fn max(a: u8, b: u8) {}", []],
    // Comments, strings, raw strings, chars and in-file tests are never touched.
    [
      "swap-comparator",
      '// a < b\n/* a < b /* nested */ a < b */\nlet s = "a < b"; let r = r#"a < b"#; let c = \'<\';',
      [],
    ],
    ["swap-comparator", "#[cfg(test)]\nmod tests {\n    fn t() { assert!(1 < 2); }\n}\n", []],
  ],
  python: [
    ["swap-comparator", "if a <= b:\n    pass\n", ["if a < b:\n    pass\n", "if a > b:\n    pass\n"]],
    ["negate-condition", "while i < n:\n    i += 2\n", ["while not (i < n):\n    i += 2\n"]],
    ["negate-condition", "x = a if c else b\n", []],
    ["negate-condition", "if not ok:\n    pass\n", ["if ok:\n    pass\n", "if not (not ok):\n    pass\n"]],
    ["swap-logical", "return a < b and c < d\n", ["return a < b or c < d\n"]],
    ["swap-arithmetic", "m = len(p) // 2\n", ["m = len(p) * 2\n"]],
    ["swap-arithmetic", "f(*args, **kw)\n", []],
    [
      "off-by-one",
      "if len(p) <= 1:\n    pass\n",
      ["if len(p) <= 0:\n    pass\n", "if len(p) <= 2:\n    pass\n"],
    ],
    ["off-by-one", "i += 1\n", ["i += 2\n"]],
    ["replace-constant", "done = False\n", ["done = True\n"]],
    [
      "delete-statement",
      "def f(m):\n    m.append(1)\n    return m\n",
      ["def f(m):\n    pass\n    return m\n"],
    ],
    ["swap-arguments", "r = merge(left, right)\n", ["r = merge(right, left)\n"]],
    ["swap-arguments", "r = sort(items, key=k)\n", []],
    ["swap-comparator", "# a < b\ns = 'a < b' + \"a < b\" + '''a < b''' + f\"{a < b}\" + r'a < b'\n", []],
  ],
  javascript: [
    ["swap-comparator", "if (i >= w) {}", ["if (i < w) {}", "if (i > w) {}"]],
    ["swap-comparator", "if (a === b) {}", ["if (a !== b) {}"]],
    ["negate-condition", "if (i >= w - 1) {}", ["if (!(i >= w - 1)) {}"]],
    ["swap-arithmetic", "sum -= values[i - w];", ["sum += values[i - w];", "sum -= values[i + w];"]],
    ["swap-arithmetic", 'const s = "n: " + n;', []],
    ["swap-logical", "if (a || b) {}", ["if (a && b) {}"]],
    [
      "delete-statement",
      "function f() {\n  sum += v;\n  return sum;\n}\n",
      ["function f() {\n  return sum;\n}\n"],
    ],
    ["delete-statement", "const x = 1;\ni++;\n", []],
    ["swap-arguments", "push(a, b);", ["push(b, a);"]],
    ["swap-arguments", "function push(a, b) {}", []],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source under test
    ["swap-comparator", "// a < b\nconst s = `a < ${x} < b`; const r = /a<b/; const t = 'a < b';", []],
  ],
  go: [
    ["swap-comparator", "for lo <= hi {\n}", ["for lo < hi {\n}", "for lo > hi {\n}"]],
    ["negate-condition", "if x == 0 {\n}", ["if !(x == 0) {\n}"]],
    ["negate-condition", "if err := f(); err != nil {\n}", []],
    ["off-by-one", "\t\tlo = mid + 1\n", ["\t\tlo = mid + 0\n", "\t\tlo = mid + 2\n"]],
    ["swap-arithmetic", "mid := lo + (hi-lo)/2\n", ["mid := lo - (hi-lo)/2\n"]],
    ["delete-statement", "\tlo = mid + 1\n\tx := 2\n", ["\tx := 2\n"]],
    ["delete-statement", "type S struct {\n\tName string\n}\n", []],
    ["replace-constant", 'return "", false\n', ['return "", true\n']],
    ["swap-comparator", "// a < b\ns := \"a < b\" + `a < b`\nr := '<'\n", []],
  ],
};

describe.each(Object.entries(TABLES))("%s operators", (language, rows) => {
  it.each(rows)("%s: %j", (operator, input, expected) => {
    expect(mutants(input, language as MutateLanguage, operator)).toEqual(expected);
  });
});

describe("findMutations", () => {
  it("lists sites in source order, whatever operators are asked for", () => {
    const source = "if (a < b && c) {\n  f(x, y);\n}\n";
    const sites = findMutations(source, "javascript", OPERATOR_NAMES);
    const starts = sites.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(sites.map((s) => s.operator))).toEqual(
      new Set(["negate-condition", "swap-comparator", "swap-logical", "delete-statement", "swap-arguments"]),
    );
  });

  it("never changes a comment-only or string-only file", () => {
    for (const [language, source] of [
      ["rust", '//! a < b\n/// x + 1\nconst S: &str = "if a { b(c, d); }";\n'],
      ["python", '"""if a < b: f(x, y)"""\n# i = i + 1\n'],
    ] as const)
      expect(findMutations(source, language)).toEqual([]);
  });
});

describe("normaliseSource", () => {
  it("ignores comments and whitespace, not code", () => {
    const a = normaliseSource("x = a + b  # sum\n", "python");
    expect(normaliseSource("x = a +   b\n", "python")).toBe(a);
    expect(normaliseSource("x = a - b\n", "python")).not.toBe(a);
  });
});
