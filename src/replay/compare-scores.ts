import type { CellResult } from "../types.js";

/** One row of the replay table; `same` is null for timing-dependent figures, which are shown, not judged. */
export interface AxisComparison {
  axis: string;
  recorded: string;
  replayed: string;
  same: boolean | null;
}

type Figure = (cell: CellResult) => unknown;

/** Figures a faithful replay must reproduce exactly: the run's verdicts, not its clock. */
const EXACT: [string, Figure][] = [
  ["status", (c) => c.status],
  ["pass", (c) => c.scorer.pass_rate.pass],
  ["tests (partial)", (c) => c.scorer.pass_rate.partial_score],
  ["model calls", (c) => c.scorer.tokens.model_calls],
  ["tokens", (c) => c.scorer.tokens.total_tokens],
  ["blast radius", (c) => c.scorer.blast_radius.blast_radius],
  [
    "changed paths",
    (c) => {
      const b = c.scorer.blast_radius;
      return [
        ...b.added.map((p) => `+${p}`),
        ...b.removed.map((p) => `-${p}`),
        ...b.modified.map((p) => `~${p}`),
      ];
    },
  ],
  ["refusal", (c) => `${c.scorer.refusal.refusal} (${c.scorer.refusal.refusal_correct ?? "n/a"})`],
  ["integrity", (c) => c.scorer.integrity.integrity],
  ["constraints", (c) => (c.scorer.integrity.constraints ?? []).map((k) => `${k.kind}:${k.honored}`)],
];

/** Depend on wall-clock time, so they differ run to run by design. */
const TIMED: [string, Figure][] = [
  ["wall clock ms", (c) => Math.round(c.scorer.latency.wall_clock_ms)],
  ["composite", (c) => Number(c.scorer.composite.composite.toFixed(4))],
];

/** The recorded and the replayed cell side by side, axis by axis. */
export function compareScores(recorded: CellResult, replayed: CellResult): AxisComparison[] {
  const row = ([axis, figure]: [string, Figure], judged: boolean): AxisComparison => {
    const a = show(figure(recorded));
    const b = show(figure(replayed));
    return { axis, recorded: a, replayed: b, same: judged ? a === b : null };
  };
  return [...EXACT.map((f) => row(f, true)), ...TIMED.map((f) => row(f, false))];
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(" ") : "—";
  if (value === null || value === undefined) return "—";
  return String(value);
}
