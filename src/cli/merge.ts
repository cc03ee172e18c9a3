import { resolve } from "node:path";
import { defineCommand } from "citty";
import { EXIT, UsageError } from "../errors.js";
import { mergeRuns } from "../merge/merge-runs.js";
import { readRunDir } from "../merge/read-run-dir.js";
import { writeMergedRun } from "../merge/write-merged.js";
import { failedGates, GATE_ARGS, parseGates } from "./gates.js";
import type { CliCommand } from "./main.js";
import { parseFlags } from "./parse-flags.js";

const definition = defineCommand({
  meta: {
    name: "merge",
    description:
      "cab merge DIR… --out DIR — join the --out folders of several shards or runs into one run.json and re-render report.html, summary.md, junit.xml and badges",
  },
  args: {
    ...GATE_ARGS,
    out: {
      type: "string",
      description: "Folder to write the merged run to (required; not one of the inputs)",
      valueHint: "DIR",
    },
    "allow-mixed": {
      type: "boolean",
      description:
        "Merge cells scored under different methodology versions or different versions of one task (the reports then say MIXED)",
    },
    "prefer-latest": {
      type: "boolean",
      description:
        "When one cell id holds different results in two folders, keep the one that ended last (default: refuse)",
    },
  },
});

const EPILOG = `
EXAMPLES
  cab merge out-1 out-2 out-3 out-4 --out merged          (the four jobs of check --shard i/4)
  cab merge monday/ tuesday/ --out week                    (runs on different days: different cell ids)
  cab merge old/ new/ --out both --allow-mixed             (different methodology/task versions, marked MIXED)
  cab merge shards/* --out merged --min-pass 0.6           (the sweep's CI gate, over every merged cell)

RULES
  Cells are matched by cell id. A cell found identical in several folders is kept once (noted).
  A cell id with different results in two folders is refused unless --prefer-latest.
  Different methodology versions, or different versions of one task, are refused unless --allow-mixed.
  Missing shards (e.g. 3/4 absent) and differing bundles are noted in run.json and the reports.
  traces/*.jsonl are copied as they were, so cab replay works on the merged folder.

EXIT CODES
  0 merged (and the gates met) · 1 --fail-under or --min-pass not met (still merged) · 2 usage error, a folder without a valid run.json, or cells that may not be merged
`;

export const mergeCommand: CliCommand = {
  definition,
  epilog: EPILOG,
  async execute(argv, io) {
    // Flags that take a value: the word after them is theirs, not a folder.
    const valued = Object.entries(definition.args ?? {}).filter(([, arg]) => arg.type === "string");
    const { positionals, flagArgs } = splitPositionals(argv, new Set(valued.map(([name]) => name)));
    const flags = parseFlags(flagArgs, definition.args as never);
    const gates = parseGates(flags);
    if (positionals.length === 0)
      throw new UsageError("cab merge needs the folders to merge: cab merge DIR… --out DIR");
    if (!flags.out) throw new UsageError("cab merge needs --out DIR: where to write the merged run");
    const out = resolve(flags.out as string);
    if (positionals.some((dir) => resolve(dir) === out))
      throw new UsageError(`--out ${flags.out} is one of the folders being merged: choose a new folder`);
    const sources = [];
    for (const dir of positionals) sources.push(await readRunDir(dir));
    const result = mergeRuns(sources, {
      allowMixed: flags["allow-mixed"] === true,
      preferLatest: flags["prefer-latest"] === true,
    });
    const { tracesCopied } = await writeMergedRun(result, out);
    const merge = result.document.run.merge;
    for (const line of merge?.mixed ?? []) io.err(`warning: MIXED — ${line}`);
    for (const note of merge?.notes ?? []) io.err(`note: ${note}`);
    io.out(
      `merged ${result.document.cells.length} cell(s) from ${sources.length} folder(s) into ${out}: run.json report.html summary.md junit.xml badges/ cells/ traces/ (${tracesCopied} trace(s) copied)`,
    );
    // The gates a sweep's shards could not judge alone: over every merged cell, infra errors left out.
    const failures = failedGates(result.document.summary, gates);
    for (const line of failures) io.err(line);
    return failures.length > 0 ? EXIT.gateFailed : EXIT.ok;
  },
};

/** Folders may come before or after the flags: split them from flags (and the values of string flags). */
function splitPositionals(argv: readonly string[], valued: ReadonlySet<string>) {
  const positionals: string[] = [];
  const flagArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-")) {
      positionals.push(arg);
      continue;
    }
    flagArgs.push(arg);
    const name = arg.replace(/^-+/, "");
    if (valued.has(name) && i + 1 < argv.length) flagArgs.push(argv[++i] as string);
  }
  return { positionals, flagArgs };
}
