// Harness overhead per cell: what cab adds around the model and the check, read from the run's trace,
// with the phases the trace cannot separate (the check's clean room, report) timed directly through the built modules.
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FINISH_SCRIPT, startScriptedEndpoint } from "./endpoint.mjs";
import { assertExit, ROOT, runCli } from "./spawn-cli.mjs";
import { median, round, row, sum } from "./stats.mjs";

const TASK = "polyglot/js-async-foreach";
const TASK_DIR = join(ROOT, "tasks", TASK);
const PHASE_TARGET = { max: 60 };

const spans = (cell, kind) => cell.trace.spans.filter((s) => s.kind === kind);
const spanMs = (cell, kind) => sum(spans(cell, kind).map((s) => s.duration_ms));
const spanEnd = (span) => span.start_ms + span.duration_ms;

/** Figures per cell from its trace; the check span holds the clean room + the check command. */
function cellFigures(cell) {
  const check = spans(cell, "check")[0];
  const agent = spans(cell, "agent_run")[0];
  const model = cell.scorer.latency.model_call_ms;
  const cleanup = spanMs(cell, "cleanup");
  return {
    overhead: cell.timing.duration_ms + cleanup - model - spanMs(cell, "check") - spanMs(cell, "retry_wait"),
    create: spanMs(cell, "task_setup"),
    agentOutsideModel: agent.duration_ms - model,
    diff: check.start_ms - spanEnd(agent),
    score: cell.timing.duration_ms - spanEnd(check),
    cleanup,
    check: check.duration_ms,
    model,
  };
}

/**
 * The check's clean room as runCheck builds it, on an agent workspace holding the task's fix: lay the
 * task afresh, carry the changed file, add hidden files and tamper tests, remove the room.
 */
async function timeCleanRoom(repeats) {
  const { prepareCleanRoom, addTamperTests } = await import(join(ROOT, "dist/internals.js"));
  const { loadBundle } = await import(join(ROOT, "dist/index.js"));
  const task = (await loadBundle()).tasks.find((t) => t.id === TASK);
  const agent = await mkdtemp(join(tmpdir(), "cab-bench-agent-"));
  await cp(join(TASK_DIR, "workspace"), agent, { recursive: true });
  await cp(join(TASK_DIR, "solution"), agent, { recursive: true });
  const diff = { added: [], removed: [], modified: ["src/save-all.mjs"], extraGitDir: false };
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const room = await prepareCleanRoom({ task, agentDir: agent, diff });
    await addTamperTests({
      parser: task.check.parser,
      argv: task.check.run,
      dir: room.workspace,
      hidden: room.hidden,
    });
    await room.remove();
    times.push(performance.now() - started);
  }
  await rm(agent, { recursive: true, force: true });
  return times;
}

/** A full catalogue run at CAB's 3 runs: 25 tasks × 3. */
const FULL_RUN_CELLS = 75;

/**
 * The --out writer as the check command drives it: after each cell, that cell's files and the whole
 * run (run.json and every report rendered from it). Then once more at FULL_RUN_CELLS cells (the measured
 * cells repeated under new ids), since that rewrite grows with the run.
 */
async function timeReport(run) {
  const { createOutDirWriter, createRedactor } = await import(join(ROOT, "dist/internals.js"));
  const { buildRunDocument } = await import(join(ROOT, "dist/index.js"));
  const dir = await mkdtemp(join(tmpdir(), "cab-bench-report-"));
  const writer = createOutDirWriter(dir, createRedactor([]));
  const document = (cells) => buildRunDocument(run.run, { ...run.run, status: "running" }, cells);
  // As check does: after each cell its files and run.json; the reports rendered from the whole run once, at its end.
  const timeOneCell = async (cells) => {
    const started = performance.now();
    void writer.writeCell(cells.at(-1));
    void writer.writeRun(document(cells), { reports: false });
    await writer.flush();
    return performance.now() - started;
  };
  const timeRunEnd = async (cells) => {
    const started = performance.now();
    void writer.writeRun(document(cells), { reports: true });
    await writer.flush();
    return performance.now() - started;
  };
  try {
    await writer.writeRun(document([]));
    await writer.flush();
    const perCell = [];
    for (let i = 1; i <= run.cells.length; i++) perCell.push(await timeOneCell(run.cells.slice(0, i)));
    const many = Array.from({ length: FULL_RUN_CELLS }, (_, i) => {
      const cell = structuredClone(run.cells[i % run.cells.length]);
      cell.run_identity.cell_id = `${cell.run_identity.cell_id}-copy${i}`;
      return cell;
    });
    return { perCell, fullRun: await timeOneCell(many), fullRunEnd: await timeRunEnd(many) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function measureOverhead({ cells }) {
  const endpoint = await startScriptedEndpoint({ script: FINISH_SCRIPT });
  const out = await mkdtemp(join(tmpdir(), "cab-bench-overhead-"));
  try {
    const args = ["check", "--endpoint", endpoint.url, "--model", "bench", "--task", TASK];
    const result = await runCli([...args, "--runs", String(cells), "--out", out]);
    assertExit(result, 0, "overhead run");
    const run = JSON.parse(await readFile(join(out, "run.json"), "utf8"));
    const measured = run.cells.filter((c) => c.status === "completed");
    if (measured.length < cells) throw new Error(`only ${measured.length}/${cells} cells completed`);
    const figures = measured.map(cellFigures);
    const pick = (key) => round(median(figures.map((f) => f[key])));
    const cleanRoom = await timeCleanRoom(cells);
    const report = await timeReport(run);
    const data = {
      cells: figures.length,
      model_calls: endpoint.requests(),
      median_ms: {
        overhead: pick("overhead"),
        workspace_create: pick("create"),
        agent_outside_model: pick("agentOutsideModel"),
        diff: pick("diff"),
        clean_room: round(median(cleanRoom)),
        score: pick("score"),
        cleanup: pick("cleanup"),
        report: round(median(report.perCell)),
        check_span: pick("check"),
        model: pick("model"),
      },
      report_first_cell_ms: round(report.perCell[0]),
      report_last_cell_ms: round(report.perCell.at(-1)),
      report_cell_of_full_run_ms: round(report.fullRun),
      reports_at_end_of_full_run_ms: round(report.fullRunEnd),
      cli_wall_ms: round(result.wallMs),
    };
    const m = data.median_ms;
    // The trace formula subtracts the whole check span, which also holds the clean room: add it back.
    data.median_ms.overhead_with_clean_room = round(m.overhead + m.clean_room);
    const rows = [
      row("overhead", `per cell, median of ${data.cells} (trace formula)`, m.overhead, "ms", { max: 150 }),
      row("overhead", "per cell incl. the clean room (timed directly)", m.overhead_with_clean_room, "ms", {
        max: 150,
      }),
      row("overhead", "phase: workspace create (task_setup)", m.workspace_create, "ms", PHASE_TARGET),
      row("overhead", "phase: diff (agent end → check start)", m.diff, "ms", PHASE_TARGET),
      row(
        "overhead",
        "phase: clean room (lay out, carry, hidden, tamper, remove)",
        m.clean_room,
        "ms",
        PHASE_TARGET,
      ),
      row("overhead", "phase: report (what --out writes after a cell)", m.report, "ms", PHASE_TARGET),
      row(
        "overhead",
        `  report after cell 1 / cell ${data.cells} (it grows with the run)`,
        `${data.report_first_cell_ms} / ${data.report_last_cell_ms}`,
        "ms",
      ),
      row(
        "overhead",
        `  report after cell ${FULL_RUN_CELLS} of a 25-task × 3-run run`,
        data.report_cell_of_full_run_ms,
        "ms",
        PHASE_TARGET,
      ),
      row(
        "overhead",
        `  end of that run, once: run.json + report.html, summary.md, junit.xml, badge`,
        data.reports_at_end_of_full_run_ms,
        "ms",
      ),
      row("overhead", "  agent loop outside model calls", m.agent_outside_model, "ms"),
      row("overhead", "  score (check end → cell end)", m.score, "ms"),
      row("overhead", "  cleanup", m.cleanup, "ms"),
      row("overhead", "  (excluded) check span / model time", `${m.check_span} / ${m.model}`, "ms"),
    ];
    return { rows, data };
  } finally {
    await endpoint.close();
    await rm(out, { recursive: true, force: true });
  }
}
