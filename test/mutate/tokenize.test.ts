import { describe, expect, it } from "vitest";
import type { MutateLanguage } from "../../src/mutate/languages.js";
import { significant, tokenize } from "../../src/mutate/tokenize.js";

/** kind:text of every code or literal token (whitespace dropped). */
const kinds = (source: string, language: MutateLanguage) =>
  tokenize(source, language)
    .filter((t) => t.kind !== "space")
    .map((t) => `${t.kind}:${t.text}`);

describe("tokenize", () => {
  it.each<[MutateLanguage, string, string[]]>([
    ["rust", "a <= b // c < d", ["ident:a", "op:<=", "ident:b", "comment:// c < d"]],
    ["rust", "/* a /* b */ c */ x", ["comment:/* a /* b */ c */", "ident:x"]],
    ["rust", 'r#"a "quoted" b"# x', ['string:r#"a "quoted" b"#', "ident:x"]],
    [
      "rust",
      "fn f<'a>(c: char) { '\\n' }",
      [
        "ident:fn",
        "ident:f",
        "op:<",
        "op:'",
        "ident:a",
        "op:>",
        "op:(",
        "ident:c",
        "op::",
        "ident:char",
        "op:)",
        "op:{",
        "string:'\\n'",
        "op:}",
      ],
    ],
    ["rust", "0..n 1_000u64 2.5e-3", ["number:0", "op:..", "ident:n", "number:1_000u64", "number:2.5e-3"]],
    ["python", "x = '''a # b''' # c", ["ident:x", "op:=", "string:'''a # b'''", "comment:# c"]],
    ["python", 'f"{a}" rb"\\x00" a//b', ['string:f"{a}"', 'string:rb"\\x00"', "ident:a", "op://", "ident:b"]],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source under test
    ["javascript", "`a ${`b ${c}`} d` / 2", ["string:`a ${`b ${c}`} d`", "op:/", "number:2"]],
    [
      "javascript",
      "x = /a\\/[/]b/g.test(s)",
      ["ident:x", "op:=", "string:/a\\/[/]b/g", "op:.", "ident:test", "op:(", "ident:s", "op:)"],
    ],
    ["javascript", "a === b !== c", ["ident:a", "op:===", "ident:b", "op:!==", "ident:c"]],
    ["go", "s := `raw \\` + '\\''", ["ident:s", "op::=", "string:`raw \\`", "op:+", "string:'\\''"]],
  ])("%s: %j", (language, source, expected) => {
    expect(kinds(source, language)).toEqual(expected);
  });

  it("gives the source back and counts lines", () => {
    const source = 'fn a() {\n    // x\n    let s = "a\nb";\n    s\n}\n';
    const tokens = tokenize(source, "rust");
    expect(tokens.map((t) => t.text).join("")).toBe(source);
    expect(significant(tokens).find((t) => t.text === "s" && t.line === 5)).toBeDefined();
  });
});
