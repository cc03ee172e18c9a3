import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunDocument } from "../../src/report/run-document.js";
import { type FakeEndpoint, startFakeEndpoint } from "../helpers/fake-endpoint.js";
import { CLI_BIN } from "../helpers/run-cli.js";

let endpoint: FakeEndpoint | null = null;
let outDir: string | null = null;
afterEach(async () => {
  await endpoint?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("interrupt", () => {
  it("Ctrl-C during a model call exits 130 and still writes the interrupted cell", async () => {
    // The first turn reads a file; the second model call never gets an answer.
    endpoint = await startFakeEndpoint({
      script: [{ toolCalls: [{ name: "read_file", arguments: { path: "README.md" } }] }],
      hangFrom: 2,
    });
    outDir = await mkdtemp(join(tmpdir(), "cab-int-"));
    const child = spawn(
      process.execPath,
      [
        CLI_BIN,
        "check",
        "--endpoint",
        endpoint.url,
        "--model",
        "slow",
        "--task",
        "polyglot/js-async-foreach",
        "--out",
        outDir,
      ],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
    );
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c;
    });
    const hung = endpoint;
    await waitFor(() => hung.requests.length >= 2, 20_000);
    const signalled = performance.now();
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code, stderr).toBe(130);
    expect(performance.now() - signalled).toBeLessThan(5_000);
    expect(stderr).toContain("interrupted");

    const document = JSON.parse(await readFile(join(outDir, "run.json"), "utf8")) as RunDocument;
    expect(document.run.status).toBe("interrupted");
    expect(document.cells).toHaveLength(1);
    expect(document.cells[0]).toMatchObject({ status: "interrupted", scorer: { pass_rate: { pass: 0 } } });
    expect(document.cells[0]?.scorer.tokens.model_calls).toBe(1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
