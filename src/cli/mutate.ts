import { randomInt } from "node:crypto";
import { resolve } from "node:path";
import { defineCommand } from "citty";
import { missingToolchain } from "../bundle/probe-toolchain.js";
import { resolveBundle } from "../bundle/resolve-bundle.js";
import { selectTasks } from "../bundle/select-tasks.js";
import { ConfigError, EXIT, UsageError } from "../errors.js";
import { resolveSandbox, SANDBOX_CHOICES, type SandboxChoice } from "../exec/sandbox.js";
import { isGlob } from "../glob.js";
import { type GenerateStats, generateTasks } from "../mutate/generate-tasks.js";
import { MAX_SEED } from "../mutate/prng.js";
import { renderColumns } from "../report/columns.js";
import { BUNDLE_ARGS } from "./bundle-args.js";
import { onInterrupt } from "./interrupt.js";
import type { CliCommand } from "./main.js";
import { integerFlag, parseFlags } from "./parse-flags.js";

const definition = defineCommand({
  meta: {
    name: "mutate",
    description:
      "Generate new mutation tasks from a task's generator: seeded mutants of its correct program, kept when they compile and its tests catch them.",
  },
  args: {
    task: {
      type: "string",
      description: "Seed task id or glob (it needs generator: in its task.yaml); repeatable",
      valueHint: "ID|GLOB",
    },
    seed: {
      type: "string",
      description: `Seed, 0–${MAX_SEED}: the same seed writes the same tasks (default: random, printed)`,
      valueHint: "S",
    },
    count: { type: "string", description: "Tasks to generate per seed task", default: "3", valueHint: "N" },
    out: {
      type: "string",
      description: "Bundle folder to write the tasks to (as mutations/<name>/); usable with --bundle",
      valueHint: "DIR",
    },
    "max-tries": {
      type: "string",
      description: "Mutants checked per seed task before giving up (default 8 × --count)",
      valueHint: "N",
    },
    ...BUNDLE_ARGS,
    sandbox: {
      type: "string",
      description: "Where the checks run: bwrap, none, or auto (bwrap when usable)",
      default: "auto",
      valueHint: "auto|bwrap|none",
    },
    json: { type: "boolean", description: "Print the per-task counts and folders as JSON" },
  },
});

export const mutateCommand: CliCommand = {
  definition,
  epilog: `
EXAMPLES
  cab mutate --task mutations/python-comparator-swap --seed 42 --count 3 --out fresh/
  cab mutate --task 'mutations/*' --out fresh/            (every seed task; random seed, printed)
  cab validate --bundle fresh/ && cab check --bundle fresh/ --endpoint URL --model ID

EXIT CODES
  0 tasks written · 1 no mutant survived the filter · 2 usage or bundle error · 130 interrupted
`,
  async execute(argv, io) {
    const flags = parseFlags(argv, definition.args as never, new Set(["task"]));
    const patterns = [flags.task ?? []].flat() as string[];
    if (patterns.length === 0) throw new UsageError("missing --task: the seed task(s) to mutate");
    if (!flags.out) throw new UsageError("missing --out: the folder the generated tasks go to");
    const count = integerFlag("count", flags.count as string, 1, 100) as number;
    const maxTries = integerFlag("max-tries", flags["max-tries"] as string | undefined, 1, 10_000);
    const seed = integerFlag("seed", flags.seed as string | undefined, 0, MAX_SEED) ?? randomInt(0, MAX_SEED);
    const sandboxChoice = flags.sandbox as SandboxChoice;
    if (!SANDBOX_CHOICES.includes(sandboxChoice))
      throw new UsageError(`--sandbox must be one of ${SANDBOX_CHOICES.join(", ")}, got ${sandboxChoice}`);

    const bundle = await resolveBundle(flags.bundle as string | undefined, {
      offline: flags.offline === true,
    });
    const matched = selectTasks(bundle.tasks, patterns);
    // A glob takes the seed tasks it matches; a task named outright must be one.
    const named = new Set(patterns.filter((p) => !isGlob(p)));
    const seedless = matched.filter((t) => !t.generator && named.has(t.id)).map((t) => t.id);
    if (seedless.length > 0)
      throw new UsageError(
        `no generator: in the task.yaml of ${seedless.join(", ")}; it cannot seed mutants`,
      );
    const tasks = matched.filter((t) => t.generator);
    if (tasks.length === 0) throw new UsageError(`no task matching ${patterns.join(", ")} has a generator:`);
    for (const task of tasks) {
      const missing = await missingToolchain(task.requires);
      if (missing.length > 0)
        throw new ConfigError(`${task.id} needs ${missing.join(", ")}, not found on PATH`);
    }
    const sandbox = await resolveSandbox(sandboxChoice);
    if (sandbox.warning) io.err(sandbox.warning);
    io.err(`mutate: seed ${seed} (repeat with --seed ${seed})`);

    const controller = new AbortController();
    const stop = onInterrupt(() => controller.abort());
    const out = resolve(flags.out as string);
    const results: { stats: GenerateStats; dirs: string[] }[] = [];
    try {
      for (const task of tasks) {
        results.push(
          await generateTasks(task, {
            seed,
            count,
            outDir: out,
            sandbox: sandbox.mode,
            maxTries,
            signal: controller.signal,
            onEvent: (e) => {
              if (e.type === "mutant")
                io.err(`  ${e.task}: ${e.verdict}${e.kept ? " (kept)" : ""} — ${e.title}`);
            },
          }),
        );
      }
    } finally {
      stop();
    }
    const written = results.flatMap((r) => r.dirs);
    if (flags.json) io.out(JSON.stringify({ seed, out, tasks: results }, null, 2));
    else {
      io.out(renderStats(results.map((r) => r.stats)));
      io.out(`\n${written.length} task(s) written to ${out} (seed ${seed})`);
      for (const dir of written) io.out(`  ${dir}`);
    }
    for (const { stats } of results)
      if (stats.kept < count)
        io.err(`${stats.task}: ${stats.kept} of ${count} task(s); try another --seed or --max-tries`);
    if (controller.signal.aborted) return EXIT.interrupted;
    return written.length > 0 ? EXIT.ok : EXIT.gateFailed;
  },
};

function renderStats(rows: GenerateStats[]): string {
  const header = [
    "seed task",
    "candidates",
    "tried",
    "compiled",
    "killed",
    "kept",
    "dup/equiv",
    "timeouts",
    "seconds",
  ];
  const body = rows.map((s) => [
    s.task,
    String(s.candidates),
    String(s.tried),
    String(s.compiled),
    String(s.killed),
    String(s.kept),
    `${s.duplicates}/${s.equivalent}`,
    String(s.timeouts),
    (s.ms / 1000).toFixed(1),
  ]);
  return renderColumns(header, body);
}
