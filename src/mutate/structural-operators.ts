import { LANGUAGES } from "./languages.js";
import type { MutationSite, Operator } from "./mutation-site.js";
import type { Token } from "./tokenize.js";

const OPEN = new Set(["(", "[", "{"]);
const CLOSE = new Set([")", "]", "}"]);
/** Statements whose deletion only hangs the tests until the timeout (loop counters), not worth a check. */
const COUNTER_UPDATE = /^[\w.]+\s*(\+\+|--|[+-]=\s*1)\s*;?$/;
const MAX_SHOWN = 40;

/** Index of the bracket closing the one at `open`, or -1. */
export function matchClose(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== "op") continue;
    if (OPEN.has(t.text)) depth++;
    else if (CLOSE.has(t.text) && --depth === 0) return i;
  }
  return -1;
}

const span = (source: string, from: Token, to: Token) => source.slice(from.start, to.end);
const shorten = (text: string) => {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > MAX_SHOWN ? `${flat.slice(0, MAX_SHOWN - 1)}…` : flat;
};

/** negate-condition: `if c` becomes `if !(c)` (`not (c)` in Python); an existing `!`/`not` is removed. */
export const negateCondition: Operator = ({ source, language, code }) => {
  const sites: MutationSite[] = [];
  const keywords = language === "python" ? ["if", "elif", "while"] : ["if", "while"];
  code.forEach((t, i) => {
    if (t.kind === "ident" && keywords.includes(t.text)) {
      const range = conditionRange(code, i, language);
      if (!range) return;
      const [first, last] = [code[range[0]] as Token, code[range[1]] as Token];
      const text = span(source, first, last);
      const replacement = language === "python" ? `not (${text})` : `!(${text})`;
      sites.push({
        operator: "negate-condition",
        start: first.start,
        end: last.end,
        replacement,
        line: first.line,
        description: `negate the \`${t.text}\` condition \`${shorten(text)}\``,
      });
    }
    const previous = code[i - 1];
    const next = code[i + 1];
    const afterOperatorOrKeyword =
      previous?.kind === "op"
        ? ![")", "]"].includes(previous.text)
        : previous?.kind === "ident" && LANGUAGES[language].keywords.has(previous.text);
    const isNot =
      language === "python"
        ? t.kind === "ident" && t.text === "not" && previous?.text !== "is"
        : t.kind === "op" && t.text === "!";
    if (isNot && next && afterOperatorOrKeyword && next.text !== "in") {
      sites.push({
        operator: "negate-condition",
        start: t.start,
        end: next.start,
        replacement: "",
        line: t.line,
        description: `remove \`${t.text}\` before \`${next.text}\``,
      });
    }
  });
  return sites;
};

/** Token range of the condition after the keyword at `i`, or null when it is not a plain condition. */
function conditionRange(code: readonly Token[], i: number, language: string): [number, number] | null {
  const keyword = code[i] as Token;
  if (language === "python") {
    // Only statement `if`s: `x if c else y` is an expression.
    if (code[i - 1] && (code[i - 1] as Token).line === keyword.line) return null;
    for (let j = i + 1, depth = 0; j < code.length; j++) {
      const t = code[j] as Token;
      if (OPEN.has(t.text)) depth++;
      else if (CLOSE.has(t.text)) depth--;
      else if (t.text === ":" && depth === 0) return j > i + 1 ? [i + 1, j - 1] : null;
    }
    return null;
  }
  if (language === "javascript") {
    if (code[i + 1]?.text !== "(") return null;
    const close = matchClose(code, i + 1);
    return close > i + 2 ? [i + 2, close - 1] : null;
  }
  // Rust and Go: up to the block's `{`; `if let` and Go's `if x := f(); c` are left alone.
  if (code[i + 1]?.text === "let") return null;
  for (let j = i + 1, depth = 0; j < code.length; j++) {
    const t = code[j] as Token;
    if (t.text === ";" && depth === 0) return null;
    if (t.text === "{" && depth === 0) return j > i + 1 ? [i + 1, j - 1] : null;
    if (OPEN.has(t.text)) depth++;
    else if (CLOSE.has(t.text)) depth--;
  }
  return null;
}

/**
 * delete-statement: a one-line call or assignment goes (Python keeps a `pass` so the block stays valid).
 * Go and Python have no `;`, so a line counts when it neither continues the previous one nor goes on.
 */
export const deleteStatement: Operator = ({ source, language, code }) => {
  const table = LANGUAGES[language];
  const sites: MutationSite[] = [];
  const lines = new Map<number, number[]>();
  code.forEach((t, i) => {
    lines.set(t.line, [...(lines.get(t.line) ?? []), i]);
  });
  for (const indexes of lines.values()) {
    const first = code[indexes[0] as number] as Token;
    const lastIndex = indexes.at(-1) as number;
    const last = code[lastIndex] as Token;
    const before = code[(indexes[0] as number) - 1];
    const after = code[lastIndex + 1];
    const text = span(source, first, last);
    const starter =
      first.kind === "ident" && (!table.keywords.has(first.text) || ["self", "this"].includes(first.text));
    const words = indexes.map((i) => (code[i] as Token).text);
    const balanced = !words.some((w) => w === "{" || w === "}") && bracketsBalance(words);
    const ends =
      language === "javascript" || language === "rust"
        ? last.text === ";" && (before === undefined || [";", "{", "}"].includes(before.text))
        : !continuesLine(last) &&
          (before?.text === ":" || !continuesLine(before)) &&
          after?.text !== "." &&
          words.some((w) => w === "(" || /^[-+*/%|&^]?=$/.test(w));
    if (!starter || !balanced || !ends || words.includes(":=") || COUNTER_UPDATE.test(text)) continue;
    const lineStart = source.lastIndexOf("\n", first.start - 1) + 1;
    const lineEnd = source.indexOf("\n", last.end);
    const python = language === "python";
    sites.push({
      operator: "delete-statement",
      start: python ? first.start : lineStart,
      end: python ? last.end : lineEnd === -1 ? source.length : lineEnd + 1,
      replacement: python ? "pass" : "",
      line: first.line,
      description: `delete the statement \`${shorten(text)}\``,
    });
  }
  return sites;
};

function bracketsBalance(words: readonly string[]): boolean {
  let depth = 0;
  for (const w of words) {
    if (OPEN.has(w)) depth++;
    else if (CLOSE.has(w) && --depth < 0) return false;
  }
  return depth === 0;
}

/** A token after which a Go/Python statement goes on to the next line. */
function continuesLine(t: Token | undefined): boolean {
  return t !== undefined && t.kind === "op" && ![")", "]", "}", "++", "--"].includes(t.text);
}

/** swap-arguments: a call with exactly two different arguments gets them in the other order. */
export const swapArguments: Operator = ({ source, language, code }) => {
  const table = LANGUAGES[language];
  const sites: MutationSite[] = [];
  code.forEach((t, i) => {
    const previous = code[i - 1];
    if (t.kind !== "ident" || code[i + 1]?.text !== "(" || table.keywords.has(t.text)) return;
    if (previous && (table.functionKeywords.includes(previous.text) || previous.text === ")")) return;
    const close = matchClose(code, i + 1);
    const next = code[close + 1]?.text;
    if (close < 0 || next === "{" || next === "=>" || next === ":") return; // a definition, not a call
    const args: [number, number][] = [];
    let from = i + 2;
    for (let j = i + 2, depth = 0; j <= close; j++) {
      const w = (code[j] as Token).text;
      if (j === close || (w === "," && depth === 0)) {
        if (j > from) args.push([from, j - 1]);
        from = j + 1;
      } else if (OPEN.has(w)) depth++;
      else if (CLOSE.has(w)) depth--;
    }
    if (args.length !== 2 || (code[close - 1] as Token).text === ",") return;
    const [a, b] = args.map(([s, e]) => [code[s] as Token, code[e] as Token]) as [
      [Token, Token],
      [Token, Token],
    ];
    const [textA, textB] = [span(source, a[0], a[1]), span(source, b[0], b[1])];
    // Keyword and spread arguments do not change meaning (or compile) when swapped.
    if (textA === textB || [textA, textB].some((x) => /^\*|^\.\.\.|^\w+\s*=[^=]/.test(x))) return;
    sites.push({
      operator: "swap-arguments",
      start: a[0].start,
      end: b[1].end,
      replacement: `${textB}${source.slice(a[1].end, b[0].start)}${textA}`,
      line: a[0].line,
      description: `swap the arguments of \`${t.text}(${shorten(textA)}, ${shorten(textB)})\``,
    });
  });
  return sites;
};
