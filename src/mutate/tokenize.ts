import { LANGUAGES, type MutateLanguage } from "./languages.js";

export type TokenKind = "space" | "comment" | "string" | "number" | "ident" | "op";

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offsets into the source, end exclusive. */
  start: number;
  end: number;
  /** 1-based line of the token's first character. */
  line: number;
}

const IDENT_START = /[\p{L}_$]/u;
const IDENT_PART = /[\p{L}\p{N}_$]/u;
/** After these, a JavaScript `/` starts a regular expression rather than a division. */
const REGEX_AFTER_WORDS = new Set([
  "return",
  "typeof",
  "case",
  "do",
  "else",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "yield",
  "await",
]);

/**
 * Split source into tokens, enough to tell code from comments and literals: the operators only ever
 * touch `op`, `ident` and `number` tokens, so nothing inside a comment, string, char, raw string,
 * template or regex literal is mutated. Concatenating the tokens' text gives the source back.
 */
export function tokenize(source: string, language: MutateLanguage): Token[] {
  const table = LANGUAGES[language];
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  const push = (kind: TokenKind, end: number) => {
    const text = source.slice(pos, end);
    tokens.push({ kind, text, start: pos, end, line });
    for (const c of text) if (c === "\n") line++;
    pos = end;
  };
  while (pos < source.length) {
    const c = source[pos] as string;
    const rest = source.startsWith.bind(source);
    if (/\s/.test(c)) {
      let end = pos;
      while (end < source.length && /\s/.test(source[end] as string)) end++;
      push("space", end);
    } else if (rest(table.lineComment, pos)) {
      const end = source.indexOf("\n", pos);
      push("comment", end === -1 ? source.length : end);
    } else if (table.blockComment && rest(table.blockComment.open, pos)) {
      push("comment", blockCommentEnd(source, pos, table.blockComment));
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(source[pos + 1] ?? ""))) {
      push("number", numberEnd(source, pos));
    } else {
      const stringEnd = literalEnd(source, pos, language, tokens);
      if (stringEnd !== null) push("string", stringEnd);
      else if (IDENT_START.test(c)) {
        let end = pos + 1;
        while (end < source.length && IDENT_PART.test(source[end] as string)) end++;
        push("ident", end);
      } else {
        const op = table.operators.find((o) => rest(o, pos));
        push("op", pos + (op?.length ?? 1));
      }
    }
  }
  return tokens;
}

/** Tokens that are code: no whitespace, no comments. */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== "space" && t.kind !== "comment");
}

function blockCommentEnd(
  source: string,
  start: number,
  rule: { open: string; close: string; nested: boolean },
): number {
  let depth = 0;
  let pos = start;
  while (pos < source.length) {
    if (source.startsWith(rule.open, pos) && (depth === 0 || rule.nested)) {
      depth++;
      pos += rule.open.length;
    } else if (source.startsWith(rule.close, pos)) {
      depth--;
      pos += rule.close.length;
      if (depth === 0) return pos;
    } else pos++;
  }
  return source.length;
}

function numberEnd(source: string, start: number): number {
  let end = start;
  while (end < source.length) {
    const c = source[end] as string;
    if (/[0-9A-Za-z_]/.test(c)) {
      // 1e-5 / 1E+5: the sign belongs to a decimal exponent (not to 0xE + 5).
      if (/[eE]/.test(c) && /[+-]/.test(source[end + 1] ?? "") && !/^0[xX]/.test(source.slice(start, end)))
        end++;
      end++;
    } else if (c === "." && /[0-9]/.test(source[end + 1] ?? "")) end++;
    else break;
  }
  return end;
}

/** Where a string, char, raw-string, template or regex literal starting at `pos` ends; null when none starts there. */
function literalEnd(
  source: string,
  pos: number,
  language: MutateLanguage,
  tokens: readonly Token[],
): number | null {
  const c = source[pos] as string;
  if (language === "python") {
    const prefix = /^[rRbBuUfF]{0,2}(?=["'])/.exec(source.slice(pos, pos + 3))?.[0];
    if (prefix === undefined) return null;
    const open = pos + prefix.length;
    const quote = source.startsWith('"""', open)
      ? '"""'
      : source.startsWith("'''", open)
        ? "'''"
        : (source[open] as string);
    return quotedEnd(source, open + quote.length, quote);
  }
  if (language === "rust") {
    const raw = /^b?r(#*)"/.exec(source.slice(pos, pos + 260));
    if (raw) {
      const close = `"${raw[1]}`;
      const end = source.indexOf(close, pos + raw[0].length);
      return end === -1 ? source.length : end + close.length;
    }
    if (c === "b" && (source[pos + 1] === '"' || source[pos + 1] === "'"))
      return literalEnd(source, pos + 1, language, tokens);
    if (c === '"') return quotedEnd(source, pos + 1, '"');
    if (c === "'") return charEnd(source, pos);
    return null;
  }
  if (c === '"' || c === "'")
    return language === "go" && c === "'" ? (charEnd(source, pos) ?? pos + 1) : quotedEnd(source, pos + 1, c);
  if (c === "`") return language === "go" ? rawEnd(source, pos + 1, "`") : templateEnd(source, pos + 1);
  if (language === "javascript" && c === "/" && regexAllowed(tokens)) return regexEnd(source, pos + 1);
  return null;
}

function quotedEnd(source: string, from: number, quote: string): number {
  let pos = from;
  while (pos < source.length) {
    if (source[pos] === "\\") pos += 2;
    else if (source.startsWith(quote, pos)) return pos + quote.length;
    else if (quote.length === 1 && source[pos] === "\n")
      return pos; // unterminated: stop at the line end
    else pos++;
  }
  return source.length;
}

function rawEnd(source: string, from: number, quote: string): number {
  const end = source.indexOf(quote, from);
  return end === -1 ? source.length : end + quote.length;
}

/** A char literal ('a', '\n', '\u{1F600}'); a Rust lifetime ('a without a closing quote) is not one. */
function charEnd(source: string, pos: number): number | null {
  if (source[pos + 1] === "\\") return quotedEnd(source, pos + 1, "'");
  const ch = String.fromCodePoint(source.codePointAt(pos + 1) ?? 0);
  return source[pos + 1 + ch.length] === "'" ? pos + 2 + ch.length : null;
}

/** A template literal, `${…}` interpolations included (nested braces and strings skipped). */
function templateEnd(source: string, from: number): number {
  let pos = from;
  while (pos < source.length) {
    const c = source[pos];
    if (c === "\\") pos += 2;
    else if (c === "`") return pos + 1;
    else if (source.startsWith("${", pos)) {
      let depth = 1;
      pos += 2;
      while (pos < source.length && depth > 0) {
        const d = source[pos] as string;
        if (d === "`") pos = templateEnd(source, pos + 1);
        else if (d === '"' || d === "'") pos = quotedEnd(source, pos + 1, d);
        else {
          if (d === "{") depth++;
          else if (d === "}") depth--;
          pos++;
        }
      }
    } else pos++;
  }
  return source.length;
}

function regexAllowed(tokens: readonly Token[]): boolean {
  const previous = tokens.findLast((t) => t.kind !== "space" && t.kind !== "comment");
  if (!previous) return true;
  if (previous.kind === "ident") return REGEX_AFTER_WORDS.has(previous.text);
  if (previous.kind === "op") return ![")", "]", "}", "++", "--"].includes(previous.text);
  return false;
}

function regexEnd(source: string, from: number): number {
  let pos = from;
  let inClass = false;
  while (pos < source.length && source[pos] !== "\n") {
    const c = source[pos];
    if (c === "\\") pos += 2;
    else {
      if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      else if (c === "/" && !inClass) {
        pos++;
        while (pos < source.length && /[a-z]/i.test(source[pos] as string)) pos++;
        return pos;
      }
      pos++;
    }
  }
  return pos;
}
