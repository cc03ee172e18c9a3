import type { CheckParser } from "../types.js";

/**
 * Names of the tests a runner reported as failed (or errored), from its per-test lines. The tamper
 * tests' must-fail test is looked for here: an honest run always shows it.
 */
function collect(output: string, pattern: RegExp): string[] {
  return [...output.matchAll(pattern)].map((m) => (m[1] ?? "").trim()).filter((name) => name.length > 0);
}

/** unittest -v: "test_x (pkg.mod.Class.test_x) ... FAIL" and the "FAIL: test_x (pkg.mod.Class…)" headers. */
function unittestNames(output: string): string[] {
  const ids = [
    ...output.matchAll(/(\w+) \(([\w.]+)\)(?:\n[^\n]*?)? \.\.\. (?:FAIL|ERROR)$/gm),
    ...output.matchAll(/^(?:FAIL|ERROR): (\w+) \(([\w.]+)\)/gm),
  ];
  return ids.map(([, method = "", id = ""]) => (id.endsWith(`.${method}`) ? id : `${id}.${method}`));
}

const tap = (out: string) => [
  ...collect(out, /^[ \t]*not ok \d+ - (.*?)(?: # .*)?$/gm),
  ...collect(out, /^[ \t]*✖ (.+?) \([\d.]+m?s\)$/gm),
];

const PARSERS: Record<CheckParser, (output: string) => string[]> = {
  cargo: (out) => collect(out, /^test (.+?)(?: - should panic)? \.\.\. FAILED$/gm),
  pytest: (out) => [
    ...collect(out, /^(\S+::\S+) (?:FAILED|ERROR)\b/gm),
    ...collect(out, /^(?:FAILED|ERROR) (\S+::\S+)/gm),
  ],
  unittest: unittestNames,
  go: (out) => collect(out, /^[ \t]*--- FAIL: (\S+) \([\d.]+s\)$/gm),
  "node-test": tap,
  tap,
  plain: (out) => collect(out, /^(?:FAIL|not ok):? ([^:\n]+)/gm),
};

/** Test names the runner reported failed, in output order, without duplicates. */
export function parseFailedTests(parser: CheckParser, output: string): string[] {
  return [...new Set(PARSERS[parser](output))];
}
