import { afterEach, describe, expect, it } from "vitest";
import { type FakeEndpoint, startFakeEndpoint } from "../helpers/fake-endpoint.js";
import { bwrap } from "../helpers/processes.js";
import { runCli } from "../helpers/run-cli.js";

let endpoint: FakeEndpoint | null = null;
afterEach(async () => {
  await endpoint?.close();
  endpoint = null;
});

describe("cab doctor reports the sandbox this machine gets", () => {
  it("one line after the probes, not counted in the verdict or the JSON probes", async () => {
    endpoint = await startFakeEndpoint({ models: ["m"] });
    const run = await runCli(["doctor", "--endpoint", endpoint.url]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    const sandbox = lines.filter((line) => line.startsWith("· sandbox"));
    expect(sandbox).toHaveLength(1);
    expect(sandbox[0]).toMatch(
      bwrap.usable ? /^· sandbox +bwrap \(read-only system, no network/ : /^· sandbox +none: /,
    );
    expect(lines.at(-1)).toBe("ready for cab check");

    const json = await runCli(["doctor", "--endpoint", endpoint.url, "--json"]);
    const probes = (JSON.parse(json.stdout) as { probes: { id: string }[] }).probes;
    expect(probes.map((p) => p.id)).not.toContain("sandbox");
  });
});
