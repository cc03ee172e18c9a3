import type { CheckParser } from "../types.js";

/**
 * Names of the tests a runner reported as passed, one per per-test line of its verbose output.
 * `check.must_pass` is matched against these: code under test can print a fake summary, but it cannot
 * name hidden tests it has never seen.
 */

/** Every first capture group of `pattern` over `output`, after `clean`. */
export function collect(
  output: string,
  pattern: RegExp,
  clean: (name: string) => string = (s) => s,
): string[] {
  return [...output.matchAll(pattern)].map((m) => clean(m[1] ?? "")).filter((name) => name.length > 0);
}

/** TAP escapes `#` and `\` in descriptions; a ` # SKIP`/` # TODO` directive means the test did not pass. */
function tapNames(output: string): string[] {
  const names: string[] = [];
  for (const m of output.matchAll(/^[ \t]*ok \d+(?: - (.*))?$/gm)) {
    const description = m[1] ?? "";
    const directive = description.match(/(?<!\\) # (\w+)/);
    if (directive && /^(?:skip|todo)/i.test(directive[1] ?? "")) continue;
    const name = (directive ? description.slice(0, directive.index) : description).replace(
      /\\([\\#])/g,
      "$1",
    );
    if (name) names.push(name);
  }
  return names;
}

/** unittest -v: "test_x (pkg.mod.Class.test_x) ... ok" (3.11+) or "test_x (pkg.mod.Class) ... ok"; a
 * docstring's first line may come between the id and " ... ok". The result is the dotted id. */
function unittestNames(output: string): string[] {
  return [...output.matchAll(/(\w+) \(([\w.]+)\)(?:\n[^\n]*?)? \.\.\. ok$/gm)].map(
    ([, method = "", id = ""]) => unittestId(method, id),
  );
}

/** The dotted id of a unittest test from its method and the id in parentheses (3.11 includes the method). */
export function unittestId(method: string, id: string): string {
  return id.endsWith(`.${method}`) ? id : `${id}.${method}`;
}

/** pytest -v ("nodeid PASSED") and -rA ("PASSED nodeid"); a node reported failed anywhere did not pass. */
function pytestNames(output: string): string[] {
  const passed = [...collect(output, /^(\S+::\S+) PASSED\b/gm), ...collect(output, /^PASSED (\S+::\S+)/gm)];
  const failed = new Set(pytestFailedNames(output));
  return passed.filter((name) => !failed.has(name));
}

/** pytest nodes reported failed or errored, by -v ("nodeid FAILED") or -rA ("FAILED nodeid"). */
export function pytestFailedNames(output: string): string[] {
  return [
    ...collect(output, /^(\S+::\S+) (?:FAILED|ERROR)\b/gm),
    ...collect(output, /^(?:FAILED|ERROR|SUBFAILED\S*) (\S+::\S+)/gm),
  ];
}

const PARSERS: Record<CheckParser, (output: string) => string[]> = {
  // "test path::name ... ok" and "test name - should panic ... ok"; `-q` prints dots and no names.
  cargo: (out) => collect(out, /^test (.+?)(?: - should panic)? \.\.\. ok$/gm),
  pytest: pytestNames,
  unittest: unittestNames,
  // "--- PASS: TestX (0.00s)", subtests indented as "--- PASS: TestX/case (0.00s)".
  go: (out) => collect(out, /^[ \t]*--- PASS: (\S+) \([\d.]+s\)$/gm),
  // node --test: TAP "ok 3 - name" (subtests indented) or the spec reporter's "✔ name (1.2ms)".
  "node-test": (out) => [...tapNames(out), ...collect(out, /^[ \t]*✔ (.+?) \([\d.]+m?s\)$/gm)],
  tap: tapNames,
  // The catalogue's plain harnesses (java/c/cpp, graders) print "ok name" / "ok: name"; "PASS name" too.
  plain: (out) => collect(out, /^(?:ok|PASS):? (.+)$/gm, (s) => s.trim()),
};

/** Test names the runner reported passed, in output order, without duplicates. */
export function parsePassedTests(parser: CheckParser, output: string): string[] {
  return [...new Set(PARSERS[parser](output))];
}
