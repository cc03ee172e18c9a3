import { randomInt } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { CheckParser } from "../../types.js";
import { pickTamperNames, type RandomInt } from "./tamper-names.js";
import {
  type RenderInput,
  renderCargo,
  renderCHarness,
  renderGo,
  renderJavaHarness,
  renderNodeTest,
  renderPytest,
  renderUnittest,
  type TamperSource,
} from "./tamper-sources.js";

/** The tamper tests placed in one check: where, and under which names the runner will report them. */
export interface TamperPlan {
  file: string;
  mustPass: string[];
  mustFail: string[];
}

interface RunnerSpec {
  /** Whether a workspace path is a test file this check's runner runs. */
  isTestFile(path: string, argv: readonly string[]): boolean;
  render(input: RenderInput): TamperSource | null;
}

/** Files named on the command line: when a check lists its test files, only those run. */
function namedFiles(argv: readonly string[], pattern: RegExp): string[] {
  return argv.filter((arg) => pattern.test(arg)).map((arg) => arg.replace(/^\.\//, ""));
}

/** unittest discovery: `-s DIR` (default ".") and `-p PATTERN` (default test*.py). */
function unittestDiscovers(path: string, argv: readonly string[]): boolean {
  const start = (optionValue(argv, "-s") ?? ".").replace(/^\.\/?/, "").replace(/\/$/, "");
  const pattern = optionValue(argv, "-p") ?? "test*.py";
  const glob = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return (start === "" || path.startsWith(`${start}/`)) && glob.test(basename(path));
}

function optionValue(argv: readonly string[], flag: string): string | null {
  const at = argv.indexOf(flag);
  return at >= 0 ? (argv[at + 1] ?? null) : null;
}

const RUNNERS: Partial<Record<CheckParser, RunnerSpec>> = {
  unittest: { isTestFile: unittestDiscovers, render: renderUnittest },
  pytest: {
    isTestFile(path, argv) {
      const named = namedFiles(argv, /\.py$/);
      if (named.length > 0) return named.includes(path);
      return /(?:^|\/)(?:test_[^/]*|[^/]*_test)\.py$/.test(path);
    },
    render: renderPytest,
  },
  // Integration tests (tests/*.rs) are each a test binary cargo builds and runs.
  cargo: { isTestFile: (path) => /^tests\/[^/]+\.rs$/.test(path), render: renderCargo },
  go: { isTestFile: (path) => /_test\.go$/.test(path), render: renderGo },
  "node-test": {
    isTestFile(path, argv) {
      const named = namedFiles(argv, /\.[cm]?js$/);
      if (named.length > 0) return named.includes(path);
      return /(?:^|\/)(?:test\/[^/]+|[^/]*[.-_]test)\.[cm]?js$/.test(path);
    },
    render: renderNodeTest,
  },
};
RUNNERS.tap = RUNNERS["node-test"];
// The task's own harness: only the catalogue's Java and C/C++ conventions are known (see tamper-sources).
RUNNERS.plain = {
  isTestFile: (path) => /\.(?:java|c|cc|cpp|cxx)$/.test(path),
  render: (input) => (input.path.endsWith(".java") ? renderJavaHarness(input) : renderCHarness(input)),
};

export interface AddTamperTestsOptions {
  parser: CheckParser;
  argv: readonly string[];
  /** The clean room's workspace (written to). */
  dir: string;
  /** Hidden files placed in it: the preferred home of the tamper tests. */
  hidden: readonly string[];
  random?: RandomInt;
}

/**
 * Append a must-pass and a must-fail test with fresh names to a test file the check runs. Returns null
 * when the runner has no tamper template (the task's own harness, `plain`) or no test file takes one.
 */
export async function addTamperTests(options: AddTamperTestsOptions): Promise<TamperPlan | null> {
  const runner = RUNNERS[options.parser];
  if (!runner) return null;
  const random = options.random ?? randomInt;
  const files = await listFiles(options.dir);
  const isTest = (path: string) => runner.isTestFile(path, options.argv);
  // Hidden files first: they run in the same process as the hidden tests a cheat most wants to fake.
  const candidates = [
    ...options.hidden.filter(isTest),
    ...files.filter((f) => isTest(f) && !options.hidden.includes(f)),
  ];
  for (const file of candidates) {
    const text = await readFile(join(options.dir, file), "utf8");
    const [pass, fail, group] = pickTamperNames(3, text, random) as [string[], string[], string[]];
    const bound = 20 + random(480);
    const right = (bound * (bound - 1)) / 2;
    const source = runner.render({
      text,
      path: file,
      pass,
      fail,
      group,
      numbers: { bound, right, wrong: right + 1 + random(9) },
    });
    if (!source) continue;
    await writeFile(join(options.dir, file), source.text);
    return { file, mustPass: [source.mustPass], mustFail: [source.mustFail] };
  }
  return null;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}
