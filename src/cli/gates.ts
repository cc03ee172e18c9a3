import type { RunSummary } from "../report/run-document.js";
import { numberFlag } from "./parse-flags.js";

/** The CI gate flags, shared by `check` and `merge` (a sweep's shards gate once, merged). */
export const GATE_ARGS = {
  "fail-under": {
    type: "string",
    description:
      "CI gate: exit 1 when the mean composite of scored cells is below X (0–1); infra errors not counted",
    valueHint: "X",
  },
  "min-pass": {
    type: "string",
    description:
      "CI gate: exit 1 when the pass rate of scored cells is below X (0–1); infra errors not counted",
    valueHint: "X",
  },
} as const;

export interface Gates {
  /** Minimum mean composite of the scored cells. */
  failUnder?: number;
  /** Minimum pass rate of the scored cells. */
  minPass?: number;
}

/** The gates the flags ask for (each 0–1; a bad value is a usage error). */
export function parseGates(flags: Record<string, unknown>): Gates {
  return {
    failUnder: numberFlag("fail-under", flags["fail-under"] as string | undefined, 0, 1),
    minPass: numberFlag("min-pass", flags["min-pass"] as string | undefined, 0, 1),
  };
}

/**
 * One line per CI gate that failed, saying by how much. Both gates read the summary, whose pass rate
 * and mean composite leave infra-error and skipped cells out of the denominator (SPEC §3).
 */
export function failedGates(summary: RunSummary, gates: Gates): string[] {
  const failures: string[] = [];
  const excluded =
    summary.infra_errors > 0 ? ` (${summary.infra_errors} infra-error cell(s) not counted)` : "";
  const check = (name: string, label: string, value: number | null, minimum: number | undefined) => {
    if (minimum === undefined) return;
    const actual = value ?? 0;
    if (actual < minimum) {
      failures.push(
        `gate failed: ${label} ${actual.toFixed(3)} is below ${name} ${minimum} by ${(minimum - actual).toFixed(3)}${excluded}`,
      );
    }
  };
  check("--fail-under", "mean composite", summary.mean_composite, gates.failUnder);
  check("--min-pass", "pass rate", summary.pass_rate, gates.minPass);
  return failures;
}
