import { describe, expect, it } from "vitest";
import {
  buildComparison,
  formatAxis,
  formatNotCounted,
  renderComparisonMarkdown,
  renderComparisonTerminal,
  renderMarkdownTable,
} from "../../src/report/comparison.js";
import type { Axis, MeanWithCi } from "../../src/report/stats.js";
import { makeCell, makeDocument } from "../helpers/make-cell.js";

const TASKS = [
  "polyglot/js-async-foreach",
  "polyglot/go-error-wrap",
  "integrity/unsolvable-refusal",
  "mutations/never-run",
];

/** Two models × two runs: all pass, some pass, a refusal task, an infra error and a task never run. */
const TWO_MODELS = makeDocument(
  [
    makeCell({ model: "qwen3-coder", task: TASKS[0], run: 1, pass: 1, tokens: 12_000, wallMs: 30_000 }),
    makeCell({ model: "qwen3-coder", task: TASKS[0], run: 2, pass: 1, tokens: 14_000, wallMs: 40_000 }),
    makeCell({ model: "qwen3-coder", task: TASKS[1], run: 1, pass: 1, tokens: 9_000, wallMs: 20_000 }),
    makeCell({
      model: "qwen3-coder",
      task: TASKS[1],
      run: 2,
      pass: 0,
      tokens: 9_500,
      wallMs: 60_000,
      blast: 0.5,
    }),
    makeCell({ model: "qwen3-coder", task: TASKS[2], run: 1, pass: 1, refusal: "true", wallMs: 15_000 }),
    makeCell({ model: "qwen3-coder", task: TASKS[2], run: 2, pass: 1, refusal: "partial", wallMs: 25_000 }),
    makeCell({ model: "llama-70b", task: TASKS[0], run: 1, pass: 0, tokens: 20_000, wallMs: 90_000 }),
    makeCell({ model: "llama-70b", task: TASKS[0], run: 2, pass: 0, tokens: 22_000, wallMs: 100_000 }),
    makeCell({
      model: "llama-70b",
      task: TASKS[1],
      run: 1,
      status: "infra_error",
      pass: 0,
      reason: "HTTP 429",
    }),
    makeCell({
      model: "llama-70b",
      task: TASKS[1],
      run: 2,
      status: "infra_error",
      pass: 0,
      reason: "HTTP 429",
    }),
    makeCell({ model: "llama-70b", task: TASKS[2], run: 1, pass: 1, refusal: "false", wallMs: 12_000 }),
    makeCell({
      model: "llama-70b",
      task: TASKS[2],
      run: 2,
      status: "infra_error",
      pass: 0,
      reason: "HTTP 502",
    }),
  ],
  2,
  TASKS,
);

describe("buildComparison", () => {
  const comparison = buildComparison(TWO_MODELS);

  it("one row per (tui, model) with per-task marks: ✓ all, ◐ some, ✗ none, ! infra only, · not run", () => {
    expect(comparison.rows.map((r) => [r.model, r.tasks.map((t) => t.mark).join("")])).toEqual([
      ["qwen3-coder", "✓◐✓·"],
      ["llama-70b", "✗!✓·"],
    ]);
  });

  it("counts infra errors apart and leaves them out of the pass rate and the means", () => {
    const llama = comparison.rows[1];
    expect(llama).toMatchObject({ scored: 3, passed: 1, infra_errors: 3, skipped: 0 });
    expect(llama?.axes.wall_clock_ms?.mean).toBeCloseTo((90_000 + 100_000 + 12_000) / 3, 6);
    expect(formatNotCounted(llama as never)).toBe("3 infra, not counted");
  });

  it("shows ± only when the run repeated cells", () => {
    expect(comparison.withCi).toBe(true);
    expect(buildComparison(makeDocument(TWO_MODELS.cells, 1, TASKS)).withCi).toBe(false);
  });
});

describe("formatAxis", () => {
  const ci = (mean: number, half: number, n = 3): MeanWithCi => ({
    mean,
    low: mean - half,
    high: mean + half,
    n,
  });
  it.each<[Axis, MeanWithCi | null, boolean, string]>([
    ["composite", ci(0.8123, 0.0412), true, "0.812 ±0.041"],
    ["composite", ci(0.8123, 0.0412), false, "0.812"],
    ["composite", ci(0.8123, 0, 1), true, "0.812"],
    ["pass", { mean: 0.9, low: 0.5, high: 1, n: 3 }, true, "0.900 ±0.400"],
    ["tokens_per_correct", ci(12_345.6, 1_234.4), true, "12,346 ±1,234"],
    ["wall_clock_ms", ci(40_000, 12_500), true, "40.0s ±12.5s"],
    ["refusal", null, true, "—"],
  ])("%s %j (±: %s) → %s", (axis, value, withCi, text) => {
    expect(formatAxis(axis, value, withCi)).toBe(text);
  });
});

describe("renderMarkdownTable", () => {
  it("escapes pipes and line breaks so a value cannot break the row", () => {
    expect(renderMarkdownTable(["a", "b"], [["x | y", "line\nbreak"]])).toMatchInlineSnapshot(`
      "| a | b |
      | --- | --- |
      | x \\| y | line break |"
    `);
  });
});

describe("renderers", () => {
  it("terminal: aligned columns, then pass marks per task", () => {
    expect(renderComparisonTerminal(TWO_MODELS)).toMatchInlineSnapshot(`
      "tui × model            pass rate  Pass          Tokens/correct  Wall           Blast         Refusal       Integrity     Composite     tasks  not counted
      builtin × qwen3-coder  5/6 (83%)  0.833 ±0.429  11,667 ±6,252   31.7s ±17.1s   0.083 ±0.214  0.750 ±0.750  0.833 ±0.429  0.750 ±0.278  ✓◐✓·   —
      builtin × llama-70b    1/3 (33%)  0.333 ±0.667  —               67.3s ±119.7s  0.000 ±0.000  0.000         0.667 ±0.667  0.444 ±0.135  ✗!✓·   3 infra, not counted

      task                          builtin × qwen3-coder  builtin × llama-70b
      polyglot/js-async-foreach     ✓ 2/2                  ✗ 0/2
      polyglot/go-error-wrap        ◐ 1/2                  ! 2 infra
      integrity/unsolvable-refusal  ✓ 2/2                  ✓ 1/1 (1 infra)
      mutations/never-run           ·                      ·
      ✓ all runs passed · ◐ some · ✗ none · ! infra error, not counted · · not run
      ± is the 95% confidence half-width over the scored cells"
    `);
  });

  it("markdown: GitHub tables", () => {
    expect(renderComparisonMarkdown(TWO_MODELS)).toMatchInlineSnapshot(`
      "| tui × model | pass rate | Pass | Tokens/correct | Wall | Blast | Refusal | Integrity | Composite | tasks | not counted |
      | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
      | builtin × qwen3-coder | 5/6 (83%) | 0.833 ±0.429 | 11,667 ±6,252 | 31.7s ±17.1s | 0.083 ±0.214 | 0.750 ±0.750 | 0.833 ±0.429 | 0.750 ±0.278 | ✓◐✓· | — |
      | builtin × llama-70b | 1/3 (33%) | 0.333 ±0.667 | — | 67.3s ±119.7s | 0.000 ±0.000 | 0.000 | 0.667 ±0.667 | 0.444 ±0.135 | ✗!✓· | 3 infra, not counted |

      | task | builtin × qwen3-coder | builtin × llama-70b |
      | --- | --- | --- |
      | polyglot/js-async-foreach | ✓ 2/2 | ✗ 0/2 |
      | polyglot/go-error-wrap | ◐ 1/2 | ! 2 infra |
      | integrity/unsolvable-refusal | ✓ 2/2 | ✓ 1/1 (1 infra) |
      | mutations/never-run | · | · |

      <sub>✓ all runs passed · ◐ some · ✗ none · ! infra error, not counted · · not run · ± is the 95% confidence half-width over the scored cells</sub>"
    `);
  });
});
