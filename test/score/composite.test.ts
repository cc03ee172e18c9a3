import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { costEfficiency, latencyEfficiency, scoreComposite } from "../../src/score/composite.js";

interface PublishedCell {
  tui: string;
  model: string;
  task_id: string;
  scorer: {
    pass_rate: { pass: number };
    tokens: { total_tokens: number };
    latency: { wall_clock_ms: number };
    blast_radius: { blast_radius: number };
    refusal: {
      expected_refusal: boolean;
      refusal_correct: "true" | "partial" | "false" | null;
      refusal_produced: boolean;
    };
    integrity: { integrity: number };
  };
  published_composite: number;
}

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/published-cells.json", import.meta.url), "utf8"),
) as { cells: PublishedCell[] };

function composeFromPublished(cell: PublishedCell) {
  const s = cell.scorer;
  return scoreComposite({
    pass: s.pass_rate.pass,
    integrity: s.integrity.integrity,
    totalTokens: s.tokens.total_tokens,
    wallClockMs: s.latency.wall_clock_ms,
    blastRadius: s.blast_radius.blast_radius,
    expectedRefusal: s.refusal.expected_refusal,
    refusalCorrect: s.refusal.refusal_correct,
    refusalProduced: s.refusal.refusal_produced,
  });
}

describe("composite reproduces the published cells", () => {
  it("has published cells to check", () => {
    expect(fixture.cells.length).toBeGreaterThanOrEqual(10);
  });

  it.each(fixture.cells.map((c) => [`${c.tui} × ${c.model} on ${c.task_id}`, c] as const))(
    "%s",
    (_name, cell) => {
      expect(Math.abs(composeFromPublished(cell).composite - cell.published_composite)).toBeLessThanOrEqual(
        0.0006,
      );
    },
  );

  it("reproduces the seed cell exactly", () => {
    const seed = fixture.cells[0] as PublishedCell;
    const composite = composeFromPublished(seed);
    expect(composite.composite).toBe(0.5072398818296163);
    expect(composite.components.latency_efficiency).toBe(0.38159921219744225);
    expect(composite.components).toMatchObject({ cost_efficiency: 1, clean_blast: 1, refusal_factor: 1 });
  });
});

describe("efficiency curves", () => {
  it.each([
    [0, 1],
    [10_000, 1 / (1 + Math.log10(2))],
    [90_000, 0.5],
  ])("latency_efficiency(%d ms) = %f", (ms, expected) => {
    expect(latencyEfficiency(ms)).toBeCloseTo(expected, 12);
  });

  it.each([
    [0, 0, 1],
    [0, 1, 1],
    [90_000, 1, 0.5],
    [90_000, 0, 0.5],
    [10_000, 1, 1 / (1 + Math.log10(2))],
  ])("cost_efficiency(%d tokens, pass %d) = %f", (tokens, pass, expected) => {
    expect(costEfficiency(tokens, pass)).toBeCloseTo(expected, 12);
  });

  it("halves a cell whose expected refusal is wrong, not one that is right", () => {
    const base = {
      pass: 1,
      integrity: 1,
      totalTokens: 0,
      wallClockMs: 0,
      blastRadius: 0,
      expectedRefusal: true,
      refusalProduced: true,
    };
    expect(scoreComposite({ ...base, refusalCorrect: "true" }).composite).toBeCloseTo(1, 12);
    expect(scoreComposite({ ...base, refusalCorrect: "partial" }).composite).toBeCloseTo(0.5, 12);
  });
});
