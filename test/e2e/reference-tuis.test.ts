import { describe, expect, it } from "vitest";
import type { RunDocument } from "../../src/report/run-document.js";
import { runCli } from "../helpers/run-cli.js";

// noop needs no endpoint (the oracle's side is `cab validate`'s test).
describe("reference TUIs over the whole bundle", () => {
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
