/** What the tokenizer and the operators need to know about each language they support. */
export type MutateLanguage = "rust" | "python" | "javascript" | "go";

export interface LanguageTable {
  lineComment: string;
  /** Block comments; Rust's nest. */
  blockComment: { open: string; close: string; nested: boolean } | null;
  /** Operators, longest first, so `<=` is one token and never `<` then `=`. */
  operators: string[];
  /** Keywords that stand for booleans, swapped by replace-constant. */
  booleans: [string, string];
  /** Logical operators swapped by swap-logical. */
  logical: [string, string];
  /** Keywords that introduce a function and are followed by its name. */
  functionKeywords: string[];
  /** Words that may not start a deletable statement (declarations, control flow). */
  keywords: Set<string>;
}

const C_LIKE_OPERATORS = [
  ">>>=",
  "...",
  "===",
  "!==",
  "**=",
  "<<=",
  ">>=",
  "&&=",
  "||=",
  "??=",
  "..=",
  "&^=",
  ">>>",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "**",
  "<<",
  ">>",
  "..",
  "->",
  "=>",
  "::",
  ":=",
  "<-",
  "&^",
  "??",
  "?.",
];
const SINGLE = [
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "=",
  "!",
  "&",
  "|",
  "^",
  "~",
  "?",
  ":",
  ";",
  ",",
  ".",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  "@",
  "#",
];

/** What rust, javascript and go share: C's comments, operators, booleans and logical operators. */
const C_LIKE = {
  lineComment: "//",
  blockComment: { open: "/*", close: "*/", nested: false },
  operators: [...C_LIKE_OPERATORS, ...SINGLE],
  booleans: ["true", "false"],
  logical: ["&&", "||"],
} satisfies Partial<LanguageTable>;

export const LANGUAGES: Record<MutateLanguage, LanguageTable> = {
  rust: {
    ...C_LIKE,
    // Rust block comments nest: `/* a /* b */ still a comment */`.
    blockComment: { open: "/*", close: "*/", nested: true },
    functionKeywords: ["fn"],
    keywords: new Set(
      "as break const continue crate else enum extern fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait type unsafe use where while async await dyn".split(
        " ",
      ),
    ),
  },
  javascript: {
    ...C_LIKE,
    functionKeywords: ["function"],
    keywords: new Set(
      "break case catch class const continue debugger default delete do else export extends finally for function if import in instanceof let new return super switch this throw try typeof var void while with yield async await".split(
        " ",
      ),
    ),
  },
  go: {
    ...C_LIKE,
    functionKeywords: ["func"],
    keywords: new Set(
      "break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var".split(
        " ",
      ),
    ),
  },
  python: {
    lineComment: "#",
    blockComment: null,
    operators: [
      "**=",
      "//=",
      ">>=",
      "<<=",
      "...",
      "==",
      "!=",
      "<=",
      ">=",
      "**",
      "//",
      "<<",
      ">>",
      "+=",
      "-=",
      "*=",
      "/=",
      "%=",
      "&=",
      "|=",
      "^=",
      "->",
      ":=",
      ...SINGLE.filter((op) => op !== "#"),
    ],
    booleans: ["True", "False"],
    logical: ["and", "or"],
    functionKeywords: ["def"],
    keywords: new Set(
      "and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
        " ",
      ),
    ),
  },
};

/** The mutate language of a task's `language:` field, or null when the engine does not support it. */
export function mutateLanguage(language: string): MutateLanguage | null {
  const name = language.toLowerCase();
  if (name === "js" || name === "javascript") return "javascript";
  return name in LANGUAGES ? (name as MutateLanguage) : null;
}
