import { excludedRanges } from "./code-regions.js";
import type { MutateLanguage } from "./languages.js";
import { type MutationSite, OPERATOR_NAMES, type Operator, type OperatorName } from "./mutation-site.js";
import { deleteStatement, negateCondition, swapArguments } from "./structural-operators.js";
import { offByOne, replaceConstant, swapArithmetic, swapComparator, swapLogical } from "./token-operators.js";
import { significant, tokenize } from "./tokenize.js";

export const OPERATORS: Record<OperatorName, Operator> = {
  "negate-condition": negateCondition,
  "swap-comparator": swapComparator,
  "off-by-one": offByOne,
  "swap-arithmetic": swapArithmetic,
  "swap-logical": swapLogical,
  "replace-constant": replaceConstant,
  "delete-statement": deleteStatement,
  "swap-arguments": swapArguments,
};

/**
 * Every mutation the operators find in one source file, outside comments, literals, declaration lines and
 * in-file tests; in source order (then operator, then replacement), so a seeded shuffle of it is repeatable.
 */
export function findMutations(
  source: string,
  language: MutateLanguage,
  operators: readonly OperatorName[] = OPERATOR_NAMES,
): MutationSite[] {
  const code = significant(tokenize(source, language));
  const excluded = excludedRanges(code, source);
  const sites = operators.flatMap((name) => OPERATORS[name]({ source, language, code }));
  const kept = sites.filter((s) => !excluded.some(([from, to]) => s.start < to && s.end > from));
  return kept.sort(
    (a, b) =>
      a.start - b.start ||
      a.end - b.end ||
      OPERATOR_NAMES.indexOf(a.operator) - OPERATOR_NAMES.indexOf(b.operator) ||
      (a.replacement < b.replacement ? -1 : a.replacement > b.replacement ? 1 : 0),
  );
}

/** The source with one mutation applied. */
export function applyMutation(source: string, site: MutationSite): string {
  return source.slice(0, site.start) + site.replacement + source.slice(site.end);
}

/**
 * Source with comments dropped and whitespace runs collapsed: two mutants with the same normalised
 * source are the same program, whichever operator made them.
 */
export function normaliseSource(source: string, language: MutateLanguage): string {
  return tokenize(source, language)
    .filter((t) => t.kind !== "comment")
    .map((t) => (t.kind === "space" ? " " : t.text))
    .join("")
    .trim();
}
