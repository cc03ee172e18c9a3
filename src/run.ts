import type { Tui } from "./agent/tui.js";
import { type CellPlan, PROVISIONAL_NOTICE, type RunCellOptions, runCell, runIdentity } from "./run-cell.js";
import { METHODOLOGY_VERSION } from "./score/composite.js";
import { emptyScorer } from "./score/empty-scorer.js";
import { cellShardKey, parseShard, selectShard } from "./shard/shard.js";
import type { CellResult, RunListener, Task } from "./types.js";
import { CLI_VERSION } from "./version.js";

/** What every cell shares, plus the plan's dimensions: tasks × models × runs. */
export interface RunOptions extends Omit<RunCellOptions, "plan" | "emit"> {
  tasks: Task[];
  /** Tasks that cannot run here, with the reason (missing toolchain): reported as skipped. */
  skipped: { task: Task; reason: string }[];
  models: string[];
  /** Several TUIs (and several models) make one side-by-side comparison. */
  tuis: Tui[];
  runs: number;
  concurrency: number;
  runDate: Date;
}

/** `local-YYYYMMDD/<tui>/<model>/<category>/<task>#runN` (SPEC §4). */
export function cellId(date: Date, tui: string, model: string, taskId: string, runIndex: number): string {
  const day = date.toISOString().slice(0, 10).replaceAll("-", "");
  return `local-${day}/${tui}/${model}/${taskId}#run${runIndex}`;
}

/** Every cell of the run: models × TUIs × tasks × runs. */
export function planCells(
  options: Pick<RunOptions, "tasks" | "models" | "tuis" | "runs" | "runDate">,
): CellPlan[] {
  const plans: CellPlan[] = [];
  for (const model of options.models) {
    for (const tui of options.tuis) {
      for (const task of options.tasks) {
        for (let runIndex = 1; runIndex <= options.runs; runIndex++) {
          plans.push({
            cellId: cellId(options.runDate, tui.name, model, task.id, runIndex),
            task,
            tui,
            model,
            runIndex,
          });
        }
      }
    }
  }
  return plans;
}

/** Run every planned cell with bounded concurrency; each finished cell is emitted as it ends. */
export async function runCells(options: RunOptions, emit: RunListener): Promise<CellResult[]> {
  // `--shard i/n`: this job owns its share of all planned cells, skipped ones included, split by their
  // date-free identity so every job of a matrix agrees on who runs what.
  const shard = options.shard ? parseShard(options.shard) : undefined;
  const skippedTasks = new Set(options.skipped.map((s) => s.task));
  const allPlans = planCells({
    ...options,
    tasks: [...options.skipped.map((s) => s.task), ...options.tasks],
  });
  const owned = selectShard(
    allPlans,
    (plan) => cellShardKey({ ...plan, tui: plan.tui.name, taskId: plan.task.id }),
    shard,
  );
  const skippedPlans = owned.filter((plan) => skippedTasks.has(plan.task));
  const results: CellResult[] = skippedPlans.map((plan) =>
    skippedCell(plan, options, options.skipped.find((s) => s.task === plan.task)?.reason ?? "skipped"),
  );
  for (const cell of results) emit({ type: "cell_skipped", cell });

  const plans = owned.filter((plan) => !skippedTasks.has(plan.task));
  // After a configuration failure, the other cells it rules out are skipped, not run to fail the same way.
  const refused = new Map<string, string>();
  const refusalKey = (scope: "model" | "tui", plan: CellPlan) =>
    scope === "model" ? `model ${plan.model}` : `tui ${plan.tui.name}`;
  emit({ type: "run_start", cells: plans.length, demo: false });
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < plans.length && !options.signal.aborted) {
      const index = next++;
      const plan = plans[index] as CellPlan;
      const scope = (["model", "tui"] as const).find((s) => refused.has(refusalKey(s, plan)));
      if (scope) {
        const cell = skippedCell(
          plan,
          options,
          `not run: an earlier cell of this ${scope === "model" ? "model" : "TUI"} failed with: ${refused.get(refusalKey(scope, plan))}`,
        );
        results.push(cell);
        emit({ type: "cell_skipped", cell });
        continue;
      }
      emit({ type: "cell_start", cellId: plan.cellId, index, total: plans.length });
      const { cell, configFailure } = await runCell({ ...options, plan, emit });
      if (configFailure) refused.set(refusalKey(configFailure.scope, plan), configFailure.reason);
      results.push(cell);
      emit({ type: "cell_end", cell, index: finished++, total: plans.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, plans.length)) }, worker));
  return results;
}

/** A cell that did not run, kept in the output with its reason. */
export function skippedCell(
  plan: CellPlan,
  options: Pick<RunOptions, "bundleDigest" | "endpointHost">,
  reason: string,
): CellResult {
  const now = new Date().toISOString();
  return {
    provisional: true,
    notice: PROVISIONAL_NOTICE,
    methodology_version: METHODOLOGY_VERSION,
    cli_version: CLI_VERSION,
    status: "skipped",
    status_reason: reason,
    run_identity: runIdentity(plan, options, null),
    timing: { started_at: now, ended_at: now, duration_ms: 0, tokens_source: "not recorded" },
    scorer: emptyScorer(plan.task),
    trace: { spans: [], model_calls: [] },
  };
}
