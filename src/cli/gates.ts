import type { RunSummary } from "../report/run-document.js";

export interface Gates {
  /** Minimum mean composite of the scored cells. */
  failUnder?: number;
  /** Minimum pass rate of the scored cells. */
  minPass?: number;
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
