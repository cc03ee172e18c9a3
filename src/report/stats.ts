import type { CellResult } from "../types.js";

/** A sample mean with its two-sided 95% confidence interval. */
export interface MeanWithCi {
  mean: number;
  low: number;
  high: number;
  n: number;
}

/** Two-sided 95% critical values of Student's t for df = 1..30 (index 0 is df 1). */
const T_95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Normal approximation beyond the table. */
const Z_95 = 1.96;

/** The 95% two-sided critical value of Student's t with `df` degrees of freedom. */
export function tCritical95(df: number): number {
  return T_95[df - 1] ?? Z_95;
}

/**
 * Mean and 95% CI (Student's t, sample standard deviation). One value gives a zero-width interval;
 * no values give NaN. With `range`, the bounds are clamped to the axis (a pass rate is never above 1).
 */
export function meanWithCi(values: readonly number[], range?: readonly [number, number]): MeanWithCi {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0 };
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  let half = 0;
  if (n > 1) {
    const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
    half = (tCritical95(n - 1) * Math.sqrt(variance)) / Math.sqrt(n);
  }
  let low = mean - half;
  let high = mean + half;
  if (range) {
    low = Math.max(range[0], low);
    high = Math.min(range[1], high);
  }
  return { mean, low, high, n };
}

/** The ± to print: the larger side of the interval, which clamping to the axis can make uneven. */
export function halfWidth(ci: MeanWithCi): number {
  return Math.max(ci.mean - ci.low, ci.high - ci.mean);
}

/** Share of runs that gave the majority verdict: 1 when all agree, 0.5 for an even split. */
export function stability(passes: readonly number[]): number {
  if (passes.length === 0) return 1;
  const passed = passes.filter((p) => p >= 1).length;
  return Math.max(passed, passes.length - passed) / passes.length;
}

/** The seven headline axes, in cell-page order. */
export const AXES = [
  "pass",
  "tokens_per_correct",
  "wall_clock_ms",
  "blast_radius",
  "refusal",
  "integrity",
  "composite",
] as const;
export type Axis = (typeof AXES)[number];

const UNIT: readonly [number, number] = [0, 1];
const NON_NEGATIVE: readonly [number, number] = [0, Number.POSITIVE_INFINITY];

/** Each axis's value range (for clamping) and its value in one cell (null: not measured there). */
const AXIS_VALUE: Record<Axis, { range: readonly [number, number]; of: (c: CellResult) => number | null }> = {
  pass: { range: UNIT, of: (c) => c.scorer.pass_rate.pass },
  // 0 tokens per correct task means "nothing correct" or "not recorded", never "free": leave it out.
  tokens_per_correct: {
    range: NON_NEGATIVE,
    of: (c) => (c.scorer.tokens.tokens_per_correct_task > 0 ? c.scorer.tokens.tokens_per_correct_task : null),
  },
  wall_clock_ms: { range: NON_NEGATIVE, of: (c) => c.scorer.latency.wall_clock_ms },
  blast_radius: { range: UNIT, of: (c) => c.scorer.blast_radius.blast_radius },
  refusal: { range: UNIT, of: (c) => (c.scorer.refusal.not_applicable ? null : c.scorer.refusal.refusal) },
  integrity: { range: UNIT, of: (c) => c.scorer.integrity.integrity },
  composite: { range: UNIT, of: (c) => c.scorer.composite.composite },
};

/** Cells that measured the model: infra errors, skipped and interrupted cells did not (SPEC §3). */
export function isScored(cell: CellResult): boolean {
  return cell.status === "completed" || cell.status === "timed_out";
}

/** Mean and CI of one axis over cells; null when no cell measured it (refusal on a normal task). */
export function axisStats(cells: readonly CellResult[], axis: Axis): MeanWithCi | null {
  const { range, of } = AXIS_VALUE[axis];
  const values = cells.map(of).filter((v): v is number => v !== null);
  return values.length ? meanWithCi(values, range) : null;
}

/** One (tui, model, task) over its runs. */
export interface RunGroup {
  tui: string;
  model: string;
  task_id: string;
  /** Every cell of the group, whatever its status. */
  runs: number;
  /** Cells that measured the model (completed or timed out): the statistics are over these. */
  scored: number;
  infra_errors: number;
  skipped: number;
  interrupted: number;
  axes: Record<Axis, MeanWithCi | null>;
  /** Share of scored runs with the majority pass verdict; null with no scored run. */
  stability: number | null;
}

/** Group cells by (tui, model, task) in first-seen order, with per-axis mean ± CI over scored runs. */
export function aggregateRuns(cells: readonly CellResult[]): RunGroup[] {
  const groups = new Map<string, CellResult[]>();
  for (const cell of cells) {
    const id = cell.run_identity;
    const key = JSON.stringify([id.tui, id.model, id.task_id]);
    const group = groups.get(key);
    if (group) group.push(cell);
    else groups.set(key, [cell]);
  }
  return [...groups.values()].map((group) => {
    const first = (group[0] as CellResult).run_identity;
    const scored = group.filter(isScored);
    const count = (status: CellResult["status"]) => group.filter((c) => c.status === status).length;
    return {
      tui: first.tui,
      model: first.model,
      task_id: first.task_id,
      runs: group.length,
      scored: scored.length,
      infra_errors: count("infra_error"),
      skipped: count("skipped"),
      interrupted: count("interrupted"),
      axes: Object.fromEntries(AXES.map((axis) => [axis, axisStats(scored, axis)])) as RunGroup["axes"],
      stability: scored.length ? stability(scored.map((c) => c.scorer.pass_rate.pass)) : null,
    };
  });
}
