import { describe, expect, it } from "vitest";
import { failedGates } from "../../src/cli/gates.js";
import type { RunSummary } from "../../src/report/run-document.js";

const summary = (over: Partial<RunSummary>): RunSummary => ({
  cells: 4,
  completed: 4,
  passed: 2,
  infra_errors: 0,
  timed_out: 0,
  skipped: 0,
  interrupted: 0,
  pass_rate: 0.5,
  mean_composite: 0.7,
  ...over,
});

describe("CI gates", () => {
  it.each([
    [{}, {}, []],
    [{}, { failUnder: 0.7, minPass: 0.5 }, []],
    [{}, { failUnder: 0.75 }, ["gate failed: mean composite 0.700 is below --fail-under 0.75 by 0.050"]],
    [{}, { minPass: 0.6 }, ["gate failed: pass rate 0.500 is below --min-pass 0.6 by 0.100"]],
    [
      { infra_errors: 2 },
      { minPass: 0.6 },
      ["gate failed: pass rate 0.500 is below --min-pass 0.6 by 0.100 (2 infra-error cell(s) not counted)"],
    ],
    [
      { pass_rate: null, mean_composite: null },
      { minPass: 0.1 },
      ["gate failed: pass rate 0.000 is below --min-pass 0.1 by 0.100"],
    ],
  ] as const)("%j with gates %j", (over, gates, expected) => {
    expect(failedGates(summary(over), gates)).toEqual(expected);
  });
});
