import type { MutateLanguage } from "./languages.js";
import { matchClose } from "./structural-operators.js";
import type { Token } from "./tokenize.js";

/** Lines that declare rather than compute: attributes, decorators, imports. Never mutated. */
const DECLARATION_STARTERS = new Set(["#", "@", "use", "import", "from", "package", "mod", "extern"]);

/** Source ranges the operators must leave alone: in-file tests (Rust `#[cfg(test)]`) and declaration lines. */
export function excludedRanges(code: readonly Token[], source: string): [number, number][] {
  const ranges: [number, number][] = [];
  code.forEach((t, i) => {
    const lineStart = i === 0 || (code[i - 1] as Token).line !== t.line;
    if (lineStart && DECLARATION_STARTERS.has(t.text)) {
      const end = source.indexOf("\n", t.start);
      ranges.push([t.start, end === -1 ? source.length : end]);
    }
    // #[cfg(test)] mod tests { … }: the test module, through its closing brace.
    const attribute = code
      .slice(i, i + 7)
      .map((x) => x.text)
      .join("");
    if (attribute === "#[cfg(test)]") {
      const open = code.findIndex((x, j) => j > i && x.text === "{");
      const close = open < 0 ? -1 : matchClose(code, open);
      if (close > 0) ranges.push([t.start, (code[close] as Token).end]);
    }
  });
  return ranges;
}

interface FunctionSpan {
  label: string;
  start: number;
  end: number;
}

/** `fn name`, `def name`, `func name`, `function name`: the innermost function around `offset`, if any. */
export function enclosingFunction(
  code: readonly Token[],
  source: string,
  language: MutateLanguage,
  offset: number,
): string | null {
  const spans = functionSpans(code, source, language).filter((f) => f.start <= offset && offset < f.end);
  return spans.sort((a, b) => b.start - a.start)[0]?.label ?? null;
}

function functionSpans(code: readonly Token[], source: string, language: MutateLanguage): FunctionSpan[] {
  const keyword = { rust: "fn", go: "func", python: "def", javascript: "function" }[language];
  const spans: FunctionSpan[] = [];
  code.forEach((t, i) => {
    if (t.kind !== "ident" || t.text !== keyword) return;
    let nameIndex = i + 1;
    // Go methods: func (r *T) Name(…)
    if (language === "go" && code[nameIndex]?.text === "(") nameIndex = matchClose(code, nameIndex) + 1;
    const name = code[nameIndex];
    if (name?.kind !== "ident") return;
    const label = `${keyword} ${name.text}`;
    if (language === "python") {
      spans.push({ label, start: t.start, end: pythonBlockEnd(source, t.start) });
      return;
    }
    const open = code.findIndex((x, j) => j > nameIndex && x.text === "{");
    const close = open < 0 ? -1 : matchClose(code, open);
    if (close > 0) spans.push({ label, start: t.start, end: (code[close] as Token).end });
  });
  return spans;
}

/** A Python block ends at the first non-blank, non-comment line indented no deeper than its header. */
function pythonBlockEnd(source: string, headerStart: number): number {
  const lineStart = source.lastIndexOf("\n", headerStart - 1) + 1;
  const indent = headerStart - lineStart;
  const pattern = /\n([ \t]*)(\S)/g;
  pattern.lastIndex = source.indexOf("\n", headerStart);
  if (pattern.lastIndex < 0) return source.length;
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    if ((m[1] as string).length <= indent && m[2] !== "#") return m.index + 1;
  }
  return source.length;
}
