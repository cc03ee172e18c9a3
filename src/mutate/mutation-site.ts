import type { MutateLanguage } from "./languages.js";
import type { Token } from "./tokenize.js";

/** The mutation operators, by the names used in titles, FIX.md and `--operator`. */
export const OPERATOR_NAMES = [
  "negate-condition",
  "swap-comparator",
  "off-by-one",
  "swap-arithmetic",
  "swap-logical",
  "replace-constant",
  "delete-statement",
  "swap-arguments",
] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];

/** One possible mutation: replace source[start, end) with `replacement`. */
export interface MutationSite {
  operator: OperatorName;
  start: number;
  end: number;
  replacement: string;
  /** 1-based line of the first changed character. */
  line: number;
  /** What the change does, in words for a title: "swap `<` for `<=`". */
  description: string;
}

/** What an operator sees: the source, its code tokens (no whitespace or comments) and the language. */
export interface OperatorInput {
  source: string;
  language: MutateLanguage;
  /** Code tokens only, in order. */
  code: Token[];
}

export type Operator = (input: OperatorInput) => MutationSite[];

/** A binary operator written with a space on each side: how formatters write `a < b`, never `Vec<u8>` or `*ptr`. */
export function isSpaced(source: string, token: Token): boolean {
  return /\s/.test(source[token.start - 1] ?? "") && /\s/.test(source[token.end] ?? "");
}

/** A site that replaces one token. */
export function replaceToken(
  operator: OperatorName,
  token: Token,
  replacement: string,
  description: string,
): MutationSite {
  return { operator, start: token.start, end: token.end, replacement, line: token.line, description };
}
