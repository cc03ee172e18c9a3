import { afterEach, describe, expect, it } from "vitest";
import type { ProbeResult } from "../../src/doctor/types.js";
import { type FakeEndpoint, type FakeEndpointOptions, startFakeEndpoint } from "../helpers/fake-endpoint.js";
import { runCli } from "../helpers/run-cli.js";

const MODEL = "fake-model";
// No "sk-" prefix: the classifier's own patterns would not catch it, so this proves the CLI's redactor does.
const KEY = "doctor-SECRET-key-0123456789";

const HEALTHY: FakeEndpointOptions = {
  models: [MODEL, "another-model"],
  respond: (request) =>
    request.body.tools
      ? { toolCalls: [{ name: "finish", arguments: { message: "ok" } }] }
      : { content: "ok" },
};

let endpoint: FakeEndpoint | null = null;
afterEach(async () => {
  await endpoint?.close();
  endpoint = null;
});

/** The checklist's probe lines: each starts with its mark. */
const probeLines = (stdout: string) => stdout.split("\n").filter((line) => /^[✓!✗-] /.test(line));

describe("cab doctor against a scripted endpoint on 127.0.0.1", () => {
  it("passes every probe on a healthy endpoint and exits 0", async () => {
    endpoint = await startFakeEndpoint(HEALTHY);
    const run = await runCli(["doctor", "--endpoint", endpoint.url, "--model", MODEL], {
      env: { CAB_KEY: KEY },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const lines = probeLines(run.stdout);
    expect(lines).toHaveLength(8);
    expect(
      lines.every((line) => line.startsWith("✓ ")),
      run.stdout,
    ).toBe(true);
    expect(run.stdout).toContain(`cab doctor · ${endpoint.url} · model ${MODEL}`);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("ready for cab check");
    expect(endpoint.requests.map((r) => r.path)).toEqual([
      "/v1/models",
      "/v1/chat/completions",
      "/v1/chat/completions",
      "/v1/chat/completions",
    ]);
  });

  it("exits 3 when the key is refused, and the key appears nowhere even when the server echoes it", async () => {
    endpoint = await startFakeEndpoint({
      fault: () => ({
        status: 401,
        body: { error: { message: `Incorrect API key provided: ${KEY}`, code: "invalid_api_key" } },
      }),
    });
    const run = await runCli(["doctor", "--endpoint", endpoint.url, "--key", KEY, "--model", MODEL]);
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(run.stdout).toMatch(/^✗ auth +The endpoint refused the API key \(HTTP 401\)/m);
    expect(run.stdout).toContain("hint: the key was refused: check --key (or CAB_KEY / OPENAI_API_KEY)");
    expect(run.stdout).toContain("[REDACTED]");
    expect(run.stdout + run.stderr).not.toContain(KEY);
    expect(run.stdout).toMatch(/^not usable: auth: /m);
    expect(endpoint.requests).toHaveLength(1);
  });

  it("exits 1 with the vLLM hint when the server rejects tools", async () => {
    endpoint = await startFakeEndpoint({
      ...HEALTHY,
      fault: (_n, request) =>
        request.body.tools
          ? {
              status: 400,
              body: {
                error: {
                  message:
                    '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
                  type: "BadRequestError",
                  code: 400,
                },
              },
            }
          : null,
    });
    const run = await runCli(["doctor", "--endpoint", endpoint.url, "--model", MODEL]);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^✗ tool calls +The endpoint does not support tool calling/m);
    expect(run.stdout).toContain(
      "hint: vLLM: restart it with --enable-auto-tool-choice --tool-call-parser NAME",
    );
    expect(run.stdout).toMatch(/^✓ streaming /m);
    expect(run.stdout).toMatch(/^not usable: tool calls: /m);
  });

  it("exits 2 and shows the usage without --endpoint", async () => {
    const run = await runCli(["doctor", "--model", MODEL]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("USAGE cab doctor");
    expect(run.stderr).toContain("error: missing --endpoint (or CAB_ENDPOINT / OPENAI_BASE_URL)");
    expect(run.stdout).toBe("");
  });

  it("prints only JSON with --json, taking endpoint and model from the environment", async () => {
    endpoint = await startFakeEndpoint({ ...HEALTHY, models: ["another-model"] });
    const run = await runCli(["doctor", "--json"], { env: { CAB_ENDPOINT: endpoint.url, CAB_MODEL: MODEL } });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      endpoint_host: string;
      model: string;
      probes: ProbeResult[];
      verdict: string;
    };
    expect(Object.keys(report)).toEqual(["endpoint_host", "model", "probes", "verdict"]);
    expect(report.endpoint_host).toBe(new URL(endpoint.url).host);
    expect(report.model).toBe(MODEL);
    expect(report.probes.map((p) => `${p.id}:${p.status}`)).toEqual([
      "reach:ok",
      "auth:ok",
      "models:warn",
      "chat:ok",
      "tools:ok",
      "usage:ok",
      "stream:ok",
      "rate_limits:ok",
    ]);
    expect(report.verdict).toBe("usable with warnings");
  });
});
