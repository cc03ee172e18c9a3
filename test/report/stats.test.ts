import { describe, expect, it } from "vitest";
import {
  aggregateRuns,
  type MeanWithCi,
  meanWithCi,
  stability,
  tCritical95,
} from "../../src/report/stats.js";
import { makeCell } from "../helpers/make-cell.js";

const UNIT = [0, 1] as const;

describe("meanWithCi", () => {
  it.each<[string, number[], readonly [number, number] | undefined, MeanWithCi]>([
    ["all equal: zero width", [1, 1, 1], undefined, { mean: 1, low: 1, high: 1, n: 3 }],
    ["one value: low = high = mean", [0.7], undefined, { mean: 0.7, low: 0.7, high: 0.7, n: 1 }],
    ["[0,1] with t(1) = 12.706", [0, 1], undefined, { mean: 0.5, low: 0.5 - 6.353, high: 0.5 + 6.353, n: 2 }],
    ["[0,1] clamped to the unit axis", [0, 1], UNIT, { mean: 0.5, low: 0, high: 1, n: 2 }],
    [
      "[0.2,0.4,0.6] with t(2) = 4.303",
      [0.2, 0.4, 0.6],
      undefined,
      { mean: 0.4, low: 0.4 - (4.303 * 0.2) / Math.sqrt(3), high: 0.4 + (4.303 * 0.2) / Math.sqrt(3), n: 3 },
    ],
    [
      "[0.2,0.4,0.6] clamped: the low side stops at 0",
      [0.2, 0.4, 0.6],
      UNIT,
      { mean: 0.4, low: 0, high: 0.4 + (4.303 * 0.2) / Math.sqrt(3), n: 3 },
    ],
    [
      "31 values: df 30 is the table's last row, t = 2.042",
      [...Array(16).fill(0), ...Array(15).fill(1)],
      undefined,
      {
        mean: 15 / 31,
        low: 15 / 31 - (2.042 * Math.sqrt(240 / 31 / 30)) / Math.sqrt(31),
        high: 15 / 31 + (2.042 * Math.sqrt(240 / 31 / 30)) / Math.sqrt(31),
        n: 31,
      },
    ],
    [
      "32 values: beyond the table, 1.96",
      [...Array(16).fill(0), ...Array(16).fill(1)],
      undefined,
      {
        mean: 0.5,
        low: 0.5 - (1.96 * Math.sqrt(8 / 31)) / Math.sqrt(32),
        high: 0.5 + (1.96 * Math.sqrt(8 / 31)) / Math.sqrt(32),
        n: 32,
      },
    ],
  ])("%s", (_name, values, range, expected) => {
    const ci = meanWithCi(values, range);
    expect(ci.n).toBe(expected.n);
    expect(ci.mean).toBeCloseTo(expected.mean, 10);
    expect(ci.low).toBeCloseTo(expected.low, 10);
    expect(ci.high).toBeCloseTo(expected.high, 10);
  });

  it("no values: NaN, n = 0", () => {
    expect(meanWithCi([])).toEqual({ mean: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0 });
  });

  it.each([
    [1, 12.706],
    [2, 4.303],
    [10, 2.228],
    [30, 2.042],
    [31, 1.96],
    [500, 1.96],
  ])("t(%i) = %f", (df, t) => {
    expect(tCritical95(df)).toBe(t);
  });
});

describe("stability", () => {
  it.each<[number[], number]>([
    [[1, 1, 0], 2 / 3],
    [[1, 1, 1], 1],
    [[0, 0, 0], 1],
    [[0, 1], 0.5],
    [[0, 0, 1, 0, 1], 0.6],
    [[], 1],
  ])("%j → %f", (passes, share) => {
    expect(stability(passes)).toBeCloseTo(share, 12);
  });
});

describe("aggregateRuns", () => {
  const cells = [
    makeCell({ task: "a/one", run: 1, pass: 1, tokens: 1000, wallMs: 10_000 }),
    makeCell({ task: "a/one", run: 2, pass: 0, tokens: 3000, wallMs: 20_000 }),
    makeCell({ task: "a/one", run: 3, pass: 1, tokens: 2000, wallMs: 30_000 }),
    makeCell({ task: "a/one", run: 4, status: "infra_error", pass: 0, wallMs: 999_000 }),
    makeCell({ task: "b/refuse", run: 1, refusal: "true", pass: 1 }),
    makeCell({ task: "b/refuse", run: 2, refusal: "partial", pass: 0 }),
    makeCell({ task: "a/one", model: "other", run: 1, status: "skipped", pass: 0 }),
  ];
  const groups = aggregateRuns(cells);

  it("groups by (tui, model, task) in first-seen order and counts what was left out", () => {
    expect(groups.map((g) => [g.model, g.task_id, g.runs, g.scored, g.infra_errors, g.skipped])).toEqual([
      ["qwen3-coder", "a/one", 4, 3, 1, 0],
      ["qwen3-coder", "b/refuse", 2, 2, 0, 0],
      ["other", "a/one", 1, 0, 0, 1],
    ]);
  });

  it("takes statistics over scored runs only: the infra error's wall clock is not in the mean", () => {
    const [one] = groups;
    expect(one?.axes.pass?.mean).toBeCloseTo(2 / 3, 12);
    expect(one?.axes.wall_clock_ms?.mean).toBe(20_000);
    expect(one?.axes.wall_clock_ms?.n).toBe(3);
    expect(one?.stability).toBeCloseTo(2 / 3, 12);
  });

  it("tokens per correct task only over passing runs; refusal null where it does not apply", () => {
    const [one, refuse, skipped] = groups;
    expect(one?.axes.tokens_per_correct).toMatchObject({ mean: 1500, n: 2 });
    expect(one?.axes.refusal).toBeNull();
    expect(refuse?.axes.refusal).toMatchObject({ mean: 0.75, n: 2 });
    expect(refuse?.axes.tokens_per_correct).toBeNull();
    expect(skipped?.axes.composite).toBeNull();
    expect(skipped?.stability).toBeNull();
  });

  it("clamps unit axes: a 2-run split pass never reads below 0 or above 1", () => {
    const pass = groups[1]?.axes.pass;
    expect(pass).toMatchObject({ mean: 0.5, low: 0, high: 1, n: 2 });
  });
});
