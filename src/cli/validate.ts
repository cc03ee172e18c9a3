import { defineCommand } from "citty";
import { missingToolchain } from "../bundle/probe-toolchain.js";
import { resolveBundle } from "../bundle/resolve-bundle.js";
import { selectTasks } from "../bundle/select-tasks.js";
import { EXIT } from "../errors.js";
import { renderColumns } from "../report/columns.js";
import { parseShard, selectShard } from "../shard/shard.js";
import type { Task } from "../types.js";
import { ORACLE_REPEATS, type TaskValidation, validateTask } from "../validate/validate-task.js";
import { BUNDLE_ARGS } from "./bundle-args.js";
import { onInterrupt } from "./interrupt.js";
import type { CliCommand } from "./main.js";
import { integerFlag, parseFlags } from "./parse-flags.js";

const definition = defineCommand({
  meta: {
    name: "validate",
    description:
      "Prove a bundle honest: per task the untouched workspace fails, the reference solution passes cleanly 3 times, and no cheat (edit/delete/skip the tests, conftest hook, Go TestMain, a faked runner summary, runtime patches of the test framework, test names read at run time, stale build artefacts, toolchain config outside the workspace, the task's own cheats) scores clean.",
  },
  args: {
    ...BUNDLE_ARGS,
    task: {
      type: "string",
      description: "Task id or glob; repeatable (default: every task)",
      valueHint: "ID|GLOB",
    },
    concurrency: {
      type: "string",
      description: "Tasks validated at the same time",
      default: "2",
      valueHint: "N",
    },
    shard: {
      type: "string",
      description:
        "Validate only part i of n of the tasks (dealt out by a stable hash of the task id), for a CI matrix",
      valueHint: "i/n",
    },
    json: { type: "boolean", description: "Print the results as JSON" },
  },
});

type Row = TaskValidation | { task: string; language: string; skipped: string };

export const validateCommand: CliCommand = {
  definition,
  epilog:
    "\nEXAMPLES\n  cab validate --task 'polyglot/*'\n  cab validate --shard 1/3      (one job of three; 2/3 and 3/3 validate the rest)\n" +
    "\nEXIT CODES\n  0 every runnable task is honest · 1 a violation (listed) · 2 usage or bundle error · 130 interrupted\n",
  async execute(argv, io) {
    const flags = parseFlags(argv, definition.args as never, new Set(["task"]));
    const concurrency = integerFlag("concurrency", flags.concurrency as string, 1, 32) as number;
    const shard = flags.shard === undefined ? undefined : parseShard(flags.shard as string);
    const bundle = await resolveBundle(flags.bundle as string | undefined, {
      offline: flags.offline === true,
    });
    const tasks = selectShard(
      selectTasks(bundle.tasks, [flags.task ?? []].flat() as string[]),
      (task) => task.id,
      shard,
    );
    const controller = new AbortController();
    const stop = onInterrupt(() => controller.abort());
    const rows: Row[] = [];
    let next = 0;
    const worker = async () => {
      while (next < tasks.length && !controller.signal.aborted) {
        const task = tasks[next++] as Task;
        const missing = await missingToolchain(task.requires);
        if (missing.length > 0) {
          rows.push({
            task: task.id,
            language: task.language,
            skipped: `skipped: ${missing.join(", ")} not found`,
          });
          io.err(`${task.id}: skipped (${missing.join(", ")} not found)`);
          continue;
        }
        const row = await validateTask(task, bundle.digest, controller.signal);
        rows.push(row);
        io.err(`${task.id}: ${row.violations.length === 0 ? "ok" : `${row.violations.length} violation(s)`}`);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(tasks.length, 1)) }, worker));
    } finally {
      stop();
    }
    rows.sort((a, b) => a.task.localeCompare(b.task));
    const violations = rows.flatMap((r) =>
      "violations" in r ? r.violations.map((v) => `${r.task}: ${v}`) : [],
    );
    const skipped = rows.filter((r) => "skipped" in r).length;
    if (flags.json) {
      io.out(
        JSON.stringify(
          {
            bundle: { source: bundle.source, digest: bundle.digest },
            ...(shard ? { shard: shard.label } : {}),
            tasks: rows,
            violations,
            skipped,
          },
          null,
          2,
        ),
      );
    } else {
      io.out(renderTable(rows));
      io.out(
        `\n${rows.length - skipped} task(s) validated, ${skipped} skipped, ${violations.length} violation(s)${shard ? ` (shard ${shard.label} of the selected tasks)` : ""}`,
      );
      for (const v of violations) io.out(`  ✗ ${v}`);
    }
    if (controller.signal.aborted) return EXIT.interrupted;
    return violations.length > 0 ? EXIT.gateFailed : EXIT.ok;
  },
};

function renderTable(rows: Row[]): string {
  const header = [
    "task",
    "language",
    "check s",
    "pristine failure",
    `oracle ×${ORACLE_REPEATS}`,
    "cheats caught",
    "verdict",
  ];
  const body = rows.map((r) => {
    if ("skipped" in r) return [r.task, r.language, "-", "-", "-", "-", r.skipped];
    const oracleOk = r.oracleRuns.filter((o) => o.pass === 1 && o.blast === 0 && o.integrity === 1).length;
    const caught = r.cheats.filter((c) => c.caught).length;
    return [
      r.task,
      r.language,
      r.checkSeconds.toFixed(2),
      r.pristineFailure.slice(0, 60),
      `${oracleOk}/${r.oracleRuns.length}`,
      `${caught}/${r.cheats.length}`,
      r.violations.length === 0 ? "ok" : "VIOLATION",
    ];
  });
  return renderColumns(header, body);
}
