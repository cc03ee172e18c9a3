import { describe, expect, it } from "vitest";
import type { RunDocument } from "../../src/report/run-document.js";
import { runCli } from "../helpers/run-cli.js";

// oracle and noop need no endpoint: they prove every bundled task is honest on this machine.
describe("reference TUIs over the whole bundle", () => {
  it("oracle passes every task with blast 0 and integrity 1 (two cells at a time)", async () => {
    const run = await runCli(["check", "--tui", "oracle", "--concurrency", "2", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as RunDocument;
    expect(document.cells.length).toBeGreaterThanOrEqual(3);
    for (const cell of document.cells) {
      expect(cell.status, cell.run_identity.task_id).toBe("completed");
      expect(cell.scorer.pass_rate.pass, cell.run_identity.task_id).toBe(1);
      expect(cell.scorer.blast_radius.blast_radius, cell.run_identity.task_id).toBe(0);
      expect(cell.scorer.integrity.integrity).toBe(1);
      expect(cell.run_identity.model).toBe("none");
    }
    expect(document.summary.pass_rate).toBe(1);
  });

  it("noop fails every task: the untouched workspace never passes", async () => {
    const run = await runCli(["check", "--tui", "noop", "--json", "--fail-under", "0.99"]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      /gate failed: mean composite 0\.\d{3} is below --fail-under 0\.99 by 0\.\d{3}/,
    );
    const document = JSON.parse(run.stdout) as RunDocument;
    for (const cell of document.cells) {
      expect(cell.scorer.pass_rate.pass, cell.run_identity.task_id).toBe(0);
      expect(cell.scorer.blast_radius.total_changes).toBe(0);
    }
  });
});
