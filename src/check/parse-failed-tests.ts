import type { CheckParser } from "../types.js";
import { collect, pytestFailedNames, unittestId } from "./parse-passed-tests.js";

/**
 * Names of the tests a runner reported as failed (or errored), from its per-test lines. The tamper
 * tests' must-fail test is looked for here: an honest run always shows it.
 */
const trimmed = (output: string, pattern: RegExp) => collect(output, pattern, (name) => name.trim());

/** unittest -v: "test_x (pkg.mod.Class.test_x) ... FAIL" and the "FAIL: test_x (pkg.mod.Class…)" headers. */
function unittestNames(output: string): string[] {
  const ids = [
    ...output.matchAll(/(\w+) \(([\w.]+)\)(?:\n[^\n]*?)? \.\.\. (?:FAIL|ERROR)$/gm),
    ...output.matchAll(/^(?:FAIL|ERROR): (\w+) \(([\w.]+)\)/gm),
  ];
  return ids.map(([, method = "", id = ""]) => unittestId(method, id));
}

const tap = (out: string) => [
  ...trimmed(out, /^[ \t]*not ok \d+ - (.*?)(?: # .*)?$/gm),
  ...trimmed(out, /^[ \t]*✖ (.+?) \([\d.]+m?s\)$/gm),
];

const PARSERS: Record<CheckParser, (output: string) => string[]> = {
  cargo: (out) => trimmed(out, /^test (.+?)(?: - should panic)? \.\.\. FAILED$/gm),
  pytest: pytestFailedNames,
  unittest: unittestNames,
  go: (out) => trimmed(out, /^[ \t]*--- FAIL: (\S+) \([\d.]+s\)$/gm),
  "node-test": tap,
  tap,
  plain: (out) => trimmed(out, /^(?:FAIL|not ok):? ([^:\n]+)/gm),
};

/** Test names the runner reported failed, in output order, without duplicates. */
export function parseFailedTests(parser: CheckParser, output: string): string[] {
  return [...new Set(PARSERS[parser](output))];
}
