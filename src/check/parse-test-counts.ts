import type { CheckParser, TestCounts } from "../types.js";

/** Sum `passed`/`failed` across every match of a pattern; null when nothing matched. */
function sumMatches(output: string, pattern: RegExp, pick: (m: RegExpMatchArray) => [number, number]) {
  let passed = 0;
  let failed = 0;
  let seen = false;
  for (const match of output.matchAll(pattern)) {
    const [p, f] = pick(match);
    passed += p;
    failed += f;
    seen = true;
  }
  return seen ? counts(passed, failed) : null;
}

function counts(passed: number, failed: number): TestCounts {
  return { passed, failed, total: passed + failed };
}

const num = (s: string | undefined) => (s === undefined ? 0 : Number.parseInt(s, 10));

const PARSERS: Record<CheckParser, (output: string) => TestCounts | null> = {
  // "test result: ok. 4 passed; 0 failed; 0 ignored; …" once per test binary (unit, integration, doc).
  cargo: (out) =>
    sumMatches(out, /^test result: \w+\. (\d+) passed; (\d+) failed;/gm, (m) => [num(m[1]), num(m[2])]),
  // "==== 3 passed, 1 failed in 0.12s ====" (any order, errors count as failures); `-q` drops the rules
  pytest: (out) => {
    const line = [...out.matchAll(/^(?:=+ )?(\d+ \w+(?:, \d+ \w+)*) in [\d.]+s\b.*$/gm)]
      .filter((m) => /\d+ (?:passed|failed|errors?)\b/.test(m[1] ?? ""))
      .pop();
    if (!line?.[1]) return null;
    const field = (name: string) => num(line[1]?.match(new RegExp(`(\\d+) ${name}\\b`))?.[1]);
    return counts(field("passed"), field("failed") + field("errors?"));
  },
  // "Ran 6 tests in 0.001s" then "OK" or "FAILED (failures=1, errors=2)"
  unittest: (out) => {
    const ran = [...out.matchAll(/^Ran (\d+) tests? in /gm)].pop();
    if (!ran) return null;
    const total = num(ran[1]);
    const failedLine = out.slice(ran.index).match(/^FAILED \(([^)]*)\)/m);
    const problems = failedLine
      ? num(failedLine[1]?.match(/failures=(\d+)/)?.[1]) + num(failedLine[1]?.match(/errors=(\d+)/)?.[1])
      : 0;
    // failures= counts every failing subTest; the "FAIL: test (id) (i=1)" headers name each test once.
    const headers = new Set([...out.matchAll(/^(?:FAIL|ERROR): (\S+ \([^)]*\))/gm)].map((m) => m[1]));
    const skipped = num(out.slice(ran.index).match(/skipped=(\d+)/)?.[1]);
    const bad = Math.min(failedLine && headers.size > 0 ? headers.size : problems, total - skipped);
    return counts(total - bad - skipped, bad);
  },
  // "--- PASS: TestX (0.00s)" / "--- FAIL: TestX"; subtests are indented and not counted.
  go: (out) => {
    const passed = out.match(/^--- PASS: /gm)?.length ?? 0;
    const failed = out.match(/^--- FAIL: /gm)?.length ?? 0;
    return passed + failed > 0 ? counts(passed, failed) : null;
  },
  // node --test reporter summary: "# pass 4" / "# fail 1" (spec reporter: "ℹ pass 4")
  "node-test": (out) => {
    const pass = [...out.matchAll(/^(?:#|ℹ) pass (\d+)$/gm)].pop();
    const fail = [...out.matchAll(/^(?:#|ℹ) fail (\d+)$/gm)].pop();
    return pass || fail ? counts(num(pass?.[1]), num(fail?.[1])) : null;
  },
  // TAP: top-level "ok N" / "not ok N" lines
  tap: (out) => {
    const passed = out.match(/^ok \d+/gm)?.length ?? 0;
    const failed = out.match(/^not ok \d+/gm)?.length ?? 0;
    return passed + failed > 0 ? counts(passed, failed) : null;
  },
  // "N passed, N failed" alone on a line, optionally after one "word:" and before ", N skipped"
  plain: (out) => {
    const line = [...out.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed(?:, \d+ skipped)?$/gm)].pop();
    return line ? counts(num(line[1]), num(line[2])) : null;
  },
};

/** Tests passed and failed according to the task's parser, or null when the output does not say. */
export function parseTestCounts(parser: CheckParser, output: string): TestCounts | null {
  return PARSERS[parser](output);
}
