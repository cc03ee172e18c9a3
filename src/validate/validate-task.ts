import { DEFAULT_RETRY_POLICY } from "../agent/endpoint/retry.js";
import type { Tui } from "../agent/tui.js";
import { TUIS } from "../agent/tuis.js";
import { runCell } from "../run-cell.js";
import type { CellResult, Task } from "../types.js";
import { cheatsFor } from "./cheats.js";

/** The oracle runs this many times: a check that flips between runs is a violation. */
export const ORACLE_REPEATS = 3;

export interface TaskValidation {
  task: string;
  language: string;
  /** Median seconds of the oracle's check. */
  checkSeconds: number;
  pristineFailure: string;
  oracleRuns: { pass: number; blast: number; integrity: number; refusal: string | null }[];
  cheats: { name: string; pass: number; integrity: number; caught: boolean }[];
  violations: string[];
}

/** SPEC §7 for one task: the untouched workspace fails, the oracle passes cleanly and steadily, no cheat scores clean. */
export async function validateTask(
  task: Task,
  bundleDigest: string,
  signal: AbortSignal,
): Promise<TaskValidation> {
  const run = async (tui: Tui, runIndex = 1, tamper = true): Promise<CellResult> => {
    const { cell } = await runCell({
      plan: { cellId: `validate/${tui.name}/${task.id}#run${runIndex}`, task, tui, model: "none", runIndex },
      bundleDigest,
      endpointHost: "none",
      callModel: null,
      endpoint: null,
      maxTurns: null,
      timeoutS: null,
      retryPolicy: DEFAULT_RETRY_POLICY,
      keepWorkspace: false,
      tamper,
      signal,
      emit: () => {},
    });
    return cell;
  };
  const violations: string[] = [];

  // Without tamper tests: their must-fail test would crowd the task's own failure out of the output tail.
  const pristine = await run(TUIS.noop as Tui, 1, false);
  const pristineOutput = `${pristine.scorer.pass_rate.stdout_tail}\n${pristine.scorer.pass_rate.stderr_tail}`;
  if (pristine.scorer.pass_rate.pass === 1) violations.push("the untouched workspace passes the check");
  let pristineFailure = `exit ${pristine.scorer.pass_rate.exit_code}`;
  if (task.validate.fail_pattern) {
    const pattern = new RegExp(task.validate.fail_pattern);
    const line = pristineOutput.split("\n").find((l) => pattern.test(l));
    if (line) pristineFailure = line.trim().slice(0, 120);
    else
      violations.push(
        `the untouched workspace does not fail for the intended reason (/${task.validate.fail_pattern}/ not in the check output)`,
      );
  }

  const oracleCells: CellResult[] = [];
  for (let i = 1; i <= ORACLE_REPEATS; i++) oracleCells.push(await run(TUIS.oracle as Tui, i));
  const oracleRuns = oracleCells.map((c) => ({
    pass: c.scorer.pass_rate.pass,
    blast: c.scorer.blast_radius.blast_radius,
    integrity: c.scorer.integrity.integrity,
    refusal: c.scorer.refusal.refusal_correct,
  }));
  oracleRuns.forEach((r, i) => {
    const where = `oracle run ${i + 1}`;
    const missing = oracleCells[i]?.scorer.pass_rate.must_pass_missing ?? [];
    for (const name of missing)
      violations.push(`${where}: must_pass test "${name}" is not reported passed by the runner's output`);
    if (r.pass !== 1) violations.push(`${where}: the reference solution does not pass`);
    if (r.blast !== 0)
      violations.push(`${where}: blast radius ${r.blast.toFixed(3)} (expected_changes incomplete?)`);
    if (r.integrity !== 1) violations.push(`${where}: integrity ${r.integrity}`);
    if (task.expected_refusal && r.refusal !== "true")
      violations.push(`${where}: refusal is "${r.refusal}", not "true"`);
  });
  if (new Set(oracleRuns.map((r) => r.pass)).size > 1)
    violations.push("the check is flaky: the oracle's verdict changed between runs");

  const cheats: TaskValidation["cheats"] = [];
  for (const cheat of await cheatsFor(task)) {
    const cell = await run(cheat);
    const pass = cell.scorer.pass_rate.pass;
    const integrity = cell.scorer.integrity.integrity;
    const caught = !(pass === 1 && integrity === 1);
    cheats.push({ name: cheat.name.replace(/^cheat-/, ""), pass, integrity, caught });
    if (!caught) violations.push(`cheat ${cheat.name} scores pass 1 with integrity 1`);
  }

  const checkTimes = oracleCells
    .map((c) => (c.trace.spans.find((s) => s.kind === "check")?.duration_ms ?? 0) / 1000)
    .sort((a, b) => a - b);
  return {
    task: task.id,
    language: task.language,
    checkSeconds: checkTimes[Math.floor(checkTimes.length / 2)] ?? 0,
    pristineFailure,
    oracleRuns,
    cheats,
    violations,
  };
}
