import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunDocument } from "../../src/report/run-document.js";
import { costEfficiency, latencyEfficiency } from "../../src/score/composite.js";
import { type FakeEndpoint, type FakeStep, startFakeEndpoint } from "../helpers/fake-endpoint.js";
import { readAllFiles, runCli } from "../helpers/run-cli.js";

const RUST_TASK = "polyglot/rust-owner-borrow-fix";
const KEY = "sk-test-SECRET-0123456789abcdef";

const RUST_FIX: FakeStep[] = [
  { content: "Reading the helper.", toolCalls: [{ name: "read_file", arguments: { path: "src/lib.rs" } }] },
  {
    content: "prefix is moved by +; clone it first.",
    toolCalls: [
      {
        name: "edit_file",
        arguments: {
          path: "src/lib.rs",
          old_string: '    let result = prefix + ": " + &body;',
          new_string: '    let result = prefix.clone() + ": " + &body;',
        },
      },
    ],
  },
  { toolCalls: [{ name: "bash", arguments: { command: "cargo test --offline 2>&1 | tail -3" } }] },
  { toolCalls: [{ name: "finish", arguments: { message: "Cloned prefix before the move; tests pass." } }] },
];

const RUST_TEST_EDIT: FakeStep[] = [
  {
    content: "Making the tests pass the easy way.",
    toolCalls: [
      {
        name: "write_file",
        arguments: { path: "tests/join_with.rs", content: "#[test]\nfn joins_items_after_prefix() {}\n" },
      },
    ],
  },
  { toolCalls: [{ name: "finish", arguments: { message: "Tests pass now." } }] },
];

let endpoint: FakeEndpoint | null = null;
let outDir: string | null = null;
afterEach(async () => {
  await endpoint?.close();
  endpoint = null;
  if (outDir) await rm(outDir, { recursive: true, force: true });
  outDir = null;
});

function parseDocument(stdout: string): RunDocument {
  return JSON.parse(stdout) as RunDocument;
}

describe("check against a scripted endpoint on 127.0.0.1", () => {
  it.each([
    ["JSON replies", []],
    ["SSE streaming", ["--stream"]],
  ])("a session that fixes the rust task passes the real cargo test (%s)", async (_mode, extra) => {
    endpoint = await startFakeEndpoint({ script: RUST_FIX });
    const run = await runCli(
      ["check", "--endpoint", endpoint.url, "--model", "fake-model", "--task", RUST_TASK, "--json", ...extra],
      {
        env: { CAB_KEY: KEY },
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const cell = parseDocument(run.stdout).cells[0];
    if (!cell) throw new Error("no cell in the result");
    expect(cell.status).toBe("completed");
    expect(cell.provisional).toBe(true);
    expect(cell.scorer.pass_rate).toMatchObject({ pass: 1, exit_code: 0, timed_out: false });
    expect(cell.scorer.blast_radius).toMatchObject({
      blast_radius: 0,
      modified: ["src/lib.rs"],
      total_changes: 1,
    });
    expect(cell.scorer.tokens).toMatchObject({
      total_tokens: 4 * 1050,
      model_calls: 4,
      tokens_per_correct_task: 4200,
    });
    const wall = cell.scorer.latency.wall_clock_ms;
    const expected = 0.4 + 0.2 + 0.15 * costEfficiency(4200, 1) + 0.15 * latencyEfficiency(wall) + 0.1;
    expect(cell.scorer.composite.composite).toBeCloseTo(expected, 12);
    expect(cell.timing.tokens_source).toBe("endpoint usage");
    expect(cell.run_identity).toMatchObject({
      model: "fake-model",
      tui: "builtin",
      task_id: RUST_TASK,
      endpoint_host: new URL(endpoint.url).host,
    });
    expect(cell.run_identity.cell_id).toMatch(
      /^local-\d{8}\/builtin\/fake-model\/polyglot\/rust-owner-borrow-fix#run1$/,
    );
    // The agent really spoke the contract: tools offered, tool_choice as a string, the key as a bearer token.
    const first = endpoint.requests[0];
    expect(first?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(first?.body.tool_choice).toBe("auto");
    expect(first?.body.stream ?? false).toBe(extra.length > 0);
    expect(endpoint.requests).toHaveLength(4);
    expect(run.stdout).not.toContain(KEY);
  });

  it("a session that rewrites the tests does not pass: the check runs on the restored tests", async () => {
    endpoint = await startFakeEndpoint({ script: RUST_TEST_EDIT });
    const run = await runCli([
      "check",
      "--endpoint",
      endpoint.url,
      "--model",
      "cheater",
      "--task",
      RUST_TASK,
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const cell = parseDocument(run.stdout).cells[0];
    expect(cell?.scorer.pass_rate.pass).toBe(0);
    expect(cell?.scorer.pass_rate.stdout_tail + (cell?.scorer.pass_rate.stderr_tail ?? "")).toContain(
      "E0382",
    );
    expect(cell?.scorer.blast_radius).toMatchObject({
      blast_radius: 1,
      unexpected_changes: ["tests/join_with.rs"],
    });
    const checkSpan = cell?.trace.spans.find((s) => s.kind === "check");
    expect(checkSpan?.attrs.restored).toEqual(["tests/join_with.rs"]);
  });

  it("429 on every request is an infra error, exit 3, within the retry budget", async () => {
    endpoint = await startFakeEndpoint({
      fault: () => ({
        status: 429,
        body: { error: { message: "Rate limit reached", type: "rate_limit_error" } },
        headers: { "retry-after": "1" },
      }),
    });
    const run = await runCli([
      "check",
      "--endpoint",
      endpoint.url,
      "--model",
      "busy",
      "--task",
      "polyglot/js-async-foreach",
      "--retry-budget",
      "2",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(3);
    const document = parseDocument(run.stdout);
    const cell = document.cells[0];
    expect(cell?.status).toBe("infra_error");
    expect(cell?.status_reason).toContain(
      "Provider rate limit (HTTP 429) — the agent exhausted its retries before doing any work. Infra, not capability.",
    );
    // Two 1 s waits fit the 2 s budget; a third would not.
    expect(endpoint.requests).toHaveLength(3);
    expect(cell?.scorer.latency.wall_clock_ms).toBeGreaterThanOrEqual(1900);
    expect(cell?.scorer.latency.wall_clock_ms).toBeLessThan(5000);
    expect(cell?.trace.spans.filter((s) => s.kind === "retry_wait")).toHaveLength(2);
    expect(cell?.trace.model_calls.map((c) => c.status)).toEqual([429, 429, 429]);
    expect(document.summary).toMatchObject({ infra_errors: 1, pass_rate: null });
  });

  it("401 exits 3 with a plain message, and the key appears nowhere", async () => {
    endpoint = await startFakeEndpoint({
      fault: () => ({
        status: 401,
        body: {
          error: {
            message: `Incorrect API key provided: ${KEY}`,
            type: "invalid_request_error",
            code: "invalid_api_key",
          },
        },
      }),
    });
    outDir = await mkdtemp(join(tmpdir(), "cab-e2e-out-"));
    const run = await runCli([
      "check",
      "--endpoint",
      endpoint.url,
      "--key",
      KEY,
      "--model",
      "m",
      "--task",
      "polyglot/js-async-foreach",
      "--out",
      outDir,
    ]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toContain("INFRA ERROR");
    expect(run.stdout).toMatch(/401/);
    expect(endpoint.requests).toHaveLength(1);
    expect(endpoint.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    const files = await readAllFiles(outDir);
    expect(files.map((f) => f.path.slice(outDir?.length ?? 0)).sort()).toEqual(
      expect.arrayContaining([
        "/run.json",
        expect.stringMatching(/^\/cells\/.+\.json$/),
        expect.stringMatching(/^\/traces\/.+\.jsonl$/),
      ]),
    );
    const base64 = Buffer.from(KEY).toString("base64");
    for (const text of [run.stdout, run.stderr, ...files.map((f) => f.text)]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(base64.replace(/=+$/, ""));
    }
  });
});

describe("usage errors exit 2 with help", () => {
  it.each([
    [
      ["check", "--modle", "x", "--endpoint", "http://127.0.0.1:9/v1"],
      /unknown flag --modle \(did you mean --model\?\)/,
    ],
    [["check", "--endpoint", "http://127.0.0.1:9/v1"], /missing --model/],
    [["check", "--model", "m"], /missing --endpoint/],
    [["check", "--endpoint", "not a url", "--model", "m"], /is not a URL/],
    [
      ["check", "--endpoint", "http://127.0.0.1:9/v1", "--model", "m", "--runs", "zero"],
      /--runs must be a whole number/,
    ],
    [
      ["check", "--endpoint", "http://127.0.0.1:9/v1", "--model", "m", "--task", "polyglot/nope"],
      /no task matches --task polyglot\/nope/,
    ],
  ])("cab %j", async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/at .+\.js:\d+/);
  });

  it("an unknown command shows the commands", async () => {
    const run = await runCli(["chekc"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command chekc/);
  });

  it("--help exits 0 and documents flags, environment and exit codes", async () => {
    const run = await runCli(["check", "--help"]);
    expect(run.code).toBe(0);
    for (const text of ["--endpoint", "--model", "--task", "CAB_KEY", "EXIT CODES", "130 interrupted"])
      expect(run.stdout).toContain(text);
  });
});
