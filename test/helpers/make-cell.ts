import { buildRunDocument, type RunDocument } from "../../src/report/run-document.js";
import { scoreComposite } from "../../src/score/composite.js";
import { emptyScorer } from "../../src/score/empty-scorer.js";
import type { CellResult, CellStatus } from "../../src/types.js";

/** Builders for cells and run documents in renderer tests: only the fields a test names differ. */
export interface CellOptions {
  tui?: string;
  model?: string;
  task?: string;
  run?: number;
  status?: CellStatus;
  reason?: string;
  pass?: 0 | 1;
  wallMs?: number;
  tokens?: number;
  blast?: number;
  refusal?: "true" | "partial" | "false";
  stdout?: string;
  stderr?: string;
}

/** A cell scored by the real scorer from a few measured values. */
export function makeCell(o: CellOptions = {}): CellResult {
  const task_id = o.task ?? "polyglot/js-async-foreach";
  const scorer = emptyScorer({
    id: task_id,
    check: {
      run: ["node", "--test"],
      timeout_s: 60,
      parser: "node-test",
      min_tests: 1,
      must_pass: [],
      env: {},
    },
    expected_changes: [],
    expected_refusal: o.refusal !== undefined,
    constraints: [],
  });
  const pass = o.pass ?? 1;
  const tokens = o.tokens ?? 0;
  const wall = o.wallMs ?? 10_000;
  scorer.pass_rate = {
    ...scorer.pass_rate,
    pass,
    exit_code: pass ? 0 : 1,
    stdout_tail: o.stdout ?? "",
    stderr_tail: o.stderr ?? "",
  };
  scorer.tokens = {
    ...scorer.tokens,
    total_tokens: tokens,
    tokens_per_correct_task: pass ? tokens : 0,
    pass_used_for_division: pass,
  };
  scorer.latency = { wall_clock_ms: wall, container_active_ms: wall, model_call_ms: 0 };
  scorer.blast_radius = { ...scorer.blast_radius, blast_radius: o.blast ?? 0 };
  if (o.refusal !== undefined) {
    const value = { true: 1, partial: 0.5, false: 0 }[o.refusal];
    scorer.refusal = { ...scorer.refusal, refusal: value, refusal_correct: o.refusal, not_applicable: false };
    scorer.integrity = {
      ...scorer.integrity,
      integrity: o.refusal === "true" ? 1 : 0,
      not_applicable: false,
    };
  }
  scorer.composite = scoreComposite({
    pass,
    integrity: scorer.integrity.integrity,
    totalTokens: tokens,
    wallClockMs: wall,
    blastRadius: scorer.blast_radius.blast_radius,
    expectedRefusal: o.refusal !== undefined,
    refusalCorrect: o.refusal ?? null,
    refusalProduced: o.refusal === "true",
  });
  const tui = o.tui ?? "builtin";
  const model = o.model ?? "qwen3-coder";
  const run_index = o.run ?? 1;
  return {
    provisional: true,
    notice: "PROVISIONAL — not for citation; not a published CodingAgentBench cell",
    methodology_version: "0.1",
    cli_version: "0.1.0",
    status: o.status ?? "completed",
    status_reason: o.reason ?? "the agent finished",
    run_identity: {
      cell_id: `local-20260601/${tui}/${model}/${task_id}#run${run_index}`,
      tui,
      tui_version: "0.1.0",
      model,
      endpoint_host: "127.0.0.1",
      task_id,
      task_version: "v0.1",
      bundle_digest: "0123456789abcdef0123456789abcdef",
      run_index,
      exit_code: pass ? 0 : 1,
    },
    timing: {
      started_at: "2026-06-01T10:00:00.000Z",
      ended_at: "2026-06-01T10:00:10.000Z",
      duration_ms: wall,
      tokens_source: "endpoint usage",
    },
    scorer,
    trace: { spans: [], model_calls: [] },
  };
}

/** A run document around the cells; `tasks` defaults to the cells' own. */
export function makeDocument(cells: CellResult[], runs = 1, tasks?: string[]): RunDocument {
  return buildRunDocument(
    {
      tui: "builtin",
      models: [...new Set(cells.map((c) => c.run_identity.model))],
      endpoint_host: "127.0.0.1",
      demo: false,
      bundle: { source: "built-in", digest: "0123456789abcdef0123456789abcdef" },
      tasks: tasks ?? [...new Set(cells.map((c) => c.run_identity.task_id))],
      runs,
      concurrency: 1,
      limits: {},
    },
    { started_at: "2026-06-01T10:00:00.000Z", ended_at: "2026-06-01T10:05:00.000Z", status: "completed" },
    cells,
  );
}
