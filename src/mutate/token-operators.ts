import { LANGUAGES } from "./languages.js";
import { isSpaced, type MutationSite, type Operator, replaceToken } from "./mutation-site.js";

/** Each comparator's boundary shift first, then its reversal. */
const COMPARATOR_SWAPS: Record<string, string[]> = {
  "<": ["<=", ">"],
  "<=": ["<", ">"],
  ">": [">=", "<"],
  ">=": [">", "<"],
  "==": ["!="],
  "!=": ["=="],
  "===": ["!=="],
  "!==": ["==="],
};

const ARITHMETIC_SWAPS: Record<string, string> = {
  "+": "-",
  "-": "+",
  "*": "/",
  "/": "*",
  "%": "/",
  "//": "*",
  "+=": "-=",
  "-=": "+=",
  "*=": "/=",
  "/=": "*=",
};

/** Neighbours that make an integer literal a bound: `i < n - 1`, `lo = mid + 1`, `0..len`. */
const BOUND_NEIGHBOURS = new Set([...Object.keys(COMPARATOR_SWAPS), "+", "-", "+=", "-=", "..", "..="]);

const code = (text: string) => `\`${text}\``;

/** swap-comparator: `<` ↔ `<=` / `>` and friends, on spaced binary comparisons. */
export const swapComparator: Operator = ({ source, code: tokens }) =>
  tokens.flatMap((t) =>
    t.kind === "op" && COMPARATOR_SWAPS[t.text] && isSpaced(source, t)
      ? (COMPARATOR_SWAPS[t.text] as string[]).map((r) =>
          replaceToken("swap-comparator", t, r, `swap ${code(t.text)} for ${code(r)}`),
        )
      : [],
  );

/** swap-arithmetic: `+` ↔ `-`, `*` ↔ `/`, compound assignments too; `+` next to a string literal is concatenation and left alone. */
export const swapArithmetic: Operator = ({ source, code: tokens }) =>
  tokens.flatMap((t, i) => {
    const swapped = t.kind === "op" ? ARITHMETIC_SWAPS[t.text] : undefined;
    if (!swapped || !isSpaced(source, t)) return [];
    if (t.text === "+" && (tokens[i - 1]?.kind === "string" || tokens[i + 1]?.kind === "string")) return [];
    return [replaceToken("swap-arithmetic", t, swapped, `swap ${code(t.text)} for ${code(swapped)}`)];
  });

/** swap-logical: `&&` ↔ `||` (`and` ↔ `or` in Python). */
export const swapLogical: Operator = ({ source, language, code: tokens }) => {
  const [and, or] = LANGUAGES[language].logical;
  return tokens.flatMap((t) => {
    const isWord = language === "python" ? t.kind === "ident" : t.kind === "op" && isSpaced(source, t);
    if (!isWord || (t.text !== and && t.text !== or)) return [];
    const swapped = t.text === and ? or : and;
    return [replaceToken("swap-logical", t, swapped, `swap ${code(t.text)} for ${code(swapped)}`)];
  });
};

/** off-by-one: an integer literal used as a bound moves by one each way (never below zero). */
export const offByOne: Operator = ({ code: tokens }) =>
  tokens.flatMap((t, i) => {
    if (!isBoundLiteral(tokens, i)) return [];
    const n = Number(t.text);
    // `i += 1` → `i += 0` only stalls a loop until the check's timeout: not worth a check.
    const update = tokens[i - 1]?.text === "+=" || tokens[i - 1]?.text === "-=";
    const moves = n > 0 && !(update && n === 1) ? [n + 1, n - 1] : [n + 1];
    return moves.map((m) =>
      replaceToken("off-by-one", t, String(m), `off-by-one: ${code(t.text)} becomes ${code(String(m))}`),
    );
  });

/** replace-constant: other integer literals become 0 (or 1 for 0); `true` ↔ `false`. */
export const replaceConstant: Operator = ({ language, code: tokens }) => {
  const [yes, no] = LANGUAGES[language].booleans;
  return tokens.flatMap((t, i): MutationSite[] => {
    if (t.kind === "ident" && (t.text === yes || t.text === no)) {
      const other = t.text === yes ? no : yes;
      return [replaceToken("replace-constant", t, other, `replace ${code(t.text)} with ${code(other)}`)];
    }
    if (t.kind !== "number" || !/^\d+$/.test(t.text) || isBoundLiteral(tokens, i)) return [];
    const replacement = Number(t.text) === 0 ? "1" : "0";
    return [
      replaceToken("replace-constant", t, replacement, `replace ${code(t.text)} with ${code(replacement)}`),
    ];
  });
};

function isBoundLiteral(tokens: readonly { kind: string; text: string }[], i: number): boolean {
  const t = tokens[i];
  if (t?.kind !== "number" || !/^\d+$/.test(t.text)) return false;
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  // `x - 1` is a bound, `-1` alone is a negative literal whose sign is another token.
  return (
    (before?.kind === "op" && BOUND_NEIGHBOURS.has(before.text) && !isUnary(tokens, i - 1)) ||
    (after?.kind === "op" && BOUND_NEIGHBOURS.has(after.text))
  );
}

function isUnary(tokens: readonly { kind: string; text: string }[], i: number): boolean {
  const t = tokens[i];
  const before = tokens[i - 1];
  if (t?.text !== "-" && t?.text !== "+") return false;
  return !before || (before.kind === "op" && ![")", "]", "}"].includes(before.text));
}
