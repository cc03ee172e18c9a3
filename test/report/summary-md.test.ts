import { describe, expect, it } from "vitest";
import { cellVerdict, renderSummaryMarkdown } from "../../src/report/summary-md.js";
import { type CellOptions, makeCell, makeDocument } from "../helpers/make-cell.js";

describe("cellVerdict", () => {
  it.each<[CellOptions, string]>([
    [{ pass: 1 }, "pass"],
    [{ pass: 0 }, "fail"],
    [{ status: "timed_out", pass: 0 }, "timed out"],
    [{ status: "infra_error", pass: 0 }, "infra error"],
    [{ status: "skipped", pass: 0 }, "skipped"],
    [{ status: "interrupted", pass: 0 }, "interrupted"],
  ])("%j → %s", (options, verdict) => {
    expect(cellVerdict(makeCell(options))).toBe(verdict);
  });
});

describe("renderSummaryMarkdown", () => {
  it("one run: banner, identity, counts, comparison, cells, infra errors apart with their reason", () => {
    const document = makeDocument(
      [
        makeCell({ task: "polyglot/js-async-foreach", pass: 1, tokens: 12_345, wallMs: 31_400 }),
        makeCell({ task: "polyglot/go-error-wrap", pass: 0, tokens: 8_000, wallMs: 60_000, blast: 0.5 }),
        makeCell({
          task: "polyglot/rust-owner-borrow-fix",
          status: "infra_error",
          pass: 0,
          reason: "Provider rate limit (HTTP 429) | <retry-after: 60>\nInfra, not capability.",
        }),
      ],
      1,
    );
    expect(renderSummaryMarkdown(document)).toMatchInlineSnapshot(`
      "> **PROVISIONAL — not for citation · not a published CodingAgentBench cell**

      **Run** tui \`builtin\` · model \`qwen3-coder\` · endpoint \`127.0.0.1\` · bundle built-in \`0123456789ab\` · 3 task(s) × 1 run(s) · methodology 0.1 · cab 0.1.0 · started 2026-06-01T10:00:00.000Z · completed

      **Summary** 3 cell(s) · 1 passed · pass rate 50% · mean composite 0.677 · 1 infra error(s), not counted

      ### Comparison

      | tui × model | pass rate | Pass | Tokens/correct | Wall | Blast | Refusal | Integrity | Composite | tasks | not counted |
      | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
      | builtin × qwen3-coder | 1/2 (50%) | 0.500 | 12,345 | 45.7s | 0.250 | — | 1.000 | 0.677 | ✓✗! | 1 infra, not counted |

      | task | builtin × qwen3-coder |
      | --- | --- |
      | polyglot/js-async-foreach | ✓ 1/1 |
      | polyglot/go-error-wrap | ✗ 0/1 |
      | polyglot/rust-owner-borrow-fix | ! 1 infra |

      <sub>✓ all runs passed · ◐ some · ✗ none · ! infra error, not counted · · not run</sub>

      ### Cells (3)

      | task | model | status | Pass | Tokens/correct | Wall | Blast | Refusal | Integrity | Composite |
      | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
      | polyglot/js-async-foreach#run1 | qwen3-coder | pass | 1.000 | 12,345 | 31.4s | 0.000 | — | 1.000 | 0.904 |
      | polyglot/go-error-wrap#run1 | qwen3-coder | fail | 0.000 | — | 60.0s | 0.500 | — | 1.000 | 0.451 |
      | polyglot/rust-owner-borrow-fix#run1 | qwen3-coder | infra error | 0.000 | — | 10.0s | 0.000 | — | 1.000 | 0.565 |

      ### Not counted

      - **infra error** \`polyglot/rust-owner-borrow-fix#run1\` × \`qwen3-coder\`: Provider rate limit (HTTP 429) | &lt;retry-after: 60&gt; Infra, not capability.
      "
    `);
  });

  it("several runs: per-cell mean ± CI and stability; a long cell table is folded", () => {
    const cells = [1, 2, 3, 4].flatMap((run) => [
      makeCell({ task: "polyglot/js-async-foreach", run, pass: run === 4 ? 0 : 1, wallMs: 10_000 * run }),
      makeCell({ task: "polyglot/go-error-wrap", run, pass: 0, wallMs: 20_000 }),
      makeCell({ task: "polyglot/python-reverse-string", run, pass: 1, wallMs: 5_000 }),
    ]);
    const text = renderSummaryMarkdown(makeDocument(cells, 4));
    expect(text).toContain("<details><summary><strong>Cells (12)</strong></summary>");
    expect(text).not.toContain("### Not counted");
    expect(text.slice(text.indexOf("### Across 4 runs"))).toMatchInlineSnapshot(`
      "### Across 4 runs

      | task | model | scored runs | Pass | Tokens/correct | Wall | Blast | Refusal | Integrity | Composite | stability |
      | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
      | polyglot/js-async-foreach | qwen3-coder | 4/4 | 0.750 ±0.750 | — | 25.0s ±20.5s | 0.000 ±0.000 | — | 1.000 ±0.000 | 0.850 ±0.331 | 75% |
      | polyglot/go-error-wrap | qwen3-coder | 4/4 | 0.000 ±0.000 | — | 20.0s ±0.0s | 0.000 ±0.000 | — | 1.000 ±0.000 | 0.552 ±0.000 | 100% |
      | polyglot/python-reverse-string | qwen3-coder | 4/4 | 1.000 ±0.000 | — | 5.0s ±0.0s | 0.000 ±0.000 | — | 1.000 ±0.000 | 0.978 ±0.000 | 100% |

      <sub>mean ±95% confidence half-width (Student's t) over the scored runs · stability: share of runs with the majority pass verdict</sub>
      "
    `);
  });
});
