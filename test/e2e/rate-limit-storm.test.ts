import { afterEach, describe, expect, it } from "vitest";
import type { RunDocument } from "../../src/report/run-document.js";
import { type FakeEndpoint, startFakeEndpoint } from "../helpers/fake-endpoint.js";
import { runCli } from "../helpers/run-cli.js";

let endpoint: FakeEndpoint | null = null;
afterEach(async () => {
  await endpoint?.close();
  endpoint = null;
});

/** 8 cells, 4 at a time, against a provider that allows one request in flight: 429 + Retry-After: 1 otherwise. */
async function storm(extra: string[]) {
  endpoint = await startFakeEndpoint({
    script: [
      { toolCalls: [{ name: "bash", arguments: { command: "true" } }] },
      { toolCalls: [{ name: "finish", arguments: { message: "done" } }] },
    ],
    latencyMs: 150,
    maxInFlight: 1,
  });
  const args = [
    "check",
    "--endpoint",
    endpoint.url,
    "--model",
    "m",
    "--task",
    "polyglot/js-async-foreach",
    "--runs",
    "8",
  ];
  const run = await runCli([
    ...args,
    "--concurrency",
    "4",
    "--max-retries",
    "30",
    "--retry-budget",
    "120",
    "--json",
    ...extra,
  ]);
  const document = JSON.parse(run.stdout) as RunDocument;
  return { run, document, requests: endpoint.requests.length, rateLimited: endpoint.rateLimited() };
}

describe("a 429 storm with --concurrency 4", () => {
  it("the shared adaptive limiter sends fewer requests into a 429 than fixed concurrency", {
    timeout: 240_000,
  }, async () => {
    const adaptive = await storm([]);
    expect(adaptive.run.code, adaptive.run.stderr).toBe(0);
    expect(adaptive.document.cells.every((c) => c.status === "completed")).toBe(true);
    expect(adaptive.run.stderr).toMatch(/waited [\d.]+s for the shared rate limiter/);
    await endpoint?.close();

    const fixed = await storm(["--fixed-concurrency"]);
    expect(fixed.document.cells).toHaveLength(8);
    expect(adaptive.rateLimited).toBeLessThan(fixed.rateLimited);
  });
});
