import { afterEach, describe, expect, it } from "vitest";
import type { RunDocument } from "../../src/report/run-document.js";
import type { CellResult } from "../../src/types.js";
import {
  type FakeEndpoint,
  type FakeEndpointOptions,
  type FakeStep,
  startFakeEndpoint,
} from "../helpers/fake-endpoint.js";
import { runCli } from "../helpers/run-cli.js";

// One e2e test per server quirk of shared/reference/endpoints-and-libraries.md §3, on the demo-sized JS task.
const TASK = "polyglot/js-async-foreach";
const FIX = {
  path: "src/save-all.mjs",
  old_string: "  items.forEach(async (i) => {\n    await store.save(i);\n  });",
  new_string: "  for (const i of items) {\n    await store.save(i);\n  }",
};
const FINISH = { message: "awaited each save" };
const asText = (name: string, args: unknown) =>
  `<tool_call>${JSON.stringify({ name, arguments: args })}</tool_call>`;
const idPattern = /^[A-Za-z0-9]{9}$/;

let endpoint: FakeEndpoint | null = null;
afterEach(async () => {
  await endpoint?.close();
  endpoint = null;
});

async function runQuirk(options: FakeEndpointOptions, extra: string[] = []) {
  endpoint = await startFakeEndpoint(options);
  const run = await runCli([
    "check",
    "--endpoint",
    endpoint.url,
    "--model",
    "m",
    "--task",
    TASK,
    "--json",
    ...extra,
  ]);
  const document = JSON.parse(run.stdout || "{}") as RunDocument;
  const cell = document.cells?.[0] as CellResult;
  const agentRun = cell?.trace.spans.find((s) => s.kind === "agent_run");
  return { run, cell, agentRun, requests: endpoint.requests };
}

const solvedBy = (
  first: FakeStep,
  second: FakeStep = { toolCalls: [{ name: "finish", arguments: FINISH }] },
) => ({ script: [first, second] });

describe("tool calls the server leaked into the text", () => {
  it.each([
    ["<tool_call> block", `I'll fix it.\n${asText("edit_file", FIX)}`],
    ["<function=NAME> block", `<function=edit_file>${JSON.stringify(FIX)}</function>`],
    ["fenced json block", `\`\`\`json\n${JSON.stringify({ name: "edit_file", arguments: FIX })}\n\`\`\``],
    ["bare {name, arguments} reply", JSON.stringify({ name: "edit_file", arguments: FIX })],
  ])("%s is parsed as a fallback, counted, and the cell passes", async (_shape, content) => {
    const { run, cell, agentRun, requests } = await runQuirk(
      solvedBy({ content }, { content: asText("finish", FINISH) }),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(cell.scorer.pass_rate.pass).toBe(1);
    expect(agentRun?.attrs).toMatchObject({ protocol: "tools", text_tool_calls: 2 });
    expect(
      cell.trace.spans.filter((s) => s.kind === "tool_call").every((s) => s.attrs.from_text === true),
    ).toBe(true);
    // The result went back as text, not as a tool message for a call the model never made.
    const second = requests[1]?.body.messages ?? [];
    expect(second.some((m) => m.role === "tool")).toBe(false);
    expect(second.at(-1)).toMatchObject({
      role: "user",
      content: expect.stringContaining("Result of edit_file:"),
    });
  });
});

describe("an endpoint that rejects tools", () => {
  it("vLLM's 400 without --enable-auto-tool-choice switches the cell to the text protocol", async () => {
    const { run, cell, agentRun, requests } = await runQuirk({
      fault: (_n, request) =>
        request.body.tools
          ? {
              status: 400,
              body: {
                error: {
                  message:
                    '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
                  type: "BadRequestError",
                },
              },
            }
          : null,
      ...solvedBy({ content: asText("edit_file", FIX) }, { content: asText("finish", FINISH) }),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(cell.scorer.pass_rate.pass).toBe(1);
    expect(agentRun?.attrs).toMatchObject({ protocol: "text" });
    expect(requests[0]?.body.tools).toBeDefined();
    expect(
      requests.slice(1).every((r) => r.body.tools === undefined && r.body.tool_choice === undefined),
    ).toBe(true);
    expect(String(requests[1]?.body.messages?.[0]?.content)).toContain("<tool_call>");
  });
});

describe("tool-call normalisation", () => {
  it("object arguments, missing and duplicate ids, and reasoning_content are normalised and replayed", async () => {
    const { run, cell, requests } = await runQuirk({
      script: [
        {
          rawMessage: {
            role: "assistant",
            content: null,
            reasoning_content: "forEach does not await",
            tool_calls: [
              { type: "function", function: { name: "read_file", arguments: { path: "src/save-all.mjs" } } },
              { id: "dup", type: "function", function: { name: "edit_file", arguments: FIX } },
              { id: "dup", type: "function", function: { name: "bash", arguments: { command: "true" } } },
            ],
          },
        },
        { toolCalls: [{ name: "finish", arguments: FINISH }] },
      ],
    });
    expect(run.code, run.stderr).toBe(0);
    expect(cell.scorer.pass_rate.pass).toBe(1);
    const replay = requests[1]?.body.messages ?? [];
    const assistant = replay.find((m) => m.role === "assistant") as unknown as {
      reasoning_content: string;
      tool_calls: { id: string; function: { arguments: string } }[];
    };
    expect(assistant.reasoning_content).toBe("forEach does not await");
    const ids = assistant.tool_calls.map((c) => c.id);
    expect(ids.every((id) => idPattern.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(3);
    expect(typeof assistant.tool_calls[0]?.function.arguments).toBe("string");
    const answered = replay
      .filter((m) => m.role === "tool")
      .map((m) => (m as unknown as { tool_call_id: string }).tool_call_id);
    expect(answered).toEqual(ids);
    expect(requests[0]?.body.tool_choice).toBe("auto");
  });

  it("invalid JSON arguments get the real parse error back, and three in a row end the run", async () => {
    const broken: FakeStep = {
      toolCalls: [{ name: "edit_file", arguments: '{"path": "src/save-all.mjs", ' }],
    };
    const { run, cell, requests } = await runQuirk({ script: [broken, broken, broken] });
    expect(run.code, run.stderr).toBe(0);
    expect(cell.status_reason).toBe("three malformed tool calls in a row");
    expect(requests).toHaveLength(3);
    const toolReply = requests[1]?.body.messages?.find((m) => m.role === "tool");
    expect(String(toolReply?.content)).toMatch(/arguments were not valid JSON: .*JSON/);
  });
});

describe("fault classes end with the right status", () => {
  it("context overflow (llama.cpp shape) is not retried and ends the cell as completed, not infra", async () => {
    const { run, cell, requests } = await runQuirk({
      fault: () => ({
        status: 400,
        body: {
          error: {
            code: 400,
            type: "exceed_context_size_error",
            message:
              "the request exceeds the available context size. try increasing the context size or enable context shift",
            n_prompt_tokens: 9000,
            n_ctx: 4096,
          },
        },
      }),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(requests).toHaveLength(1);
    expect(cell.status).toBe("completed");
    expect(cell.status_reason).toMatch(/context/i);
  });

  it("a 503 'Loading model' is retried and the cell goes on", async () => {
    const { run, cell, requests } = await runQuirk({
      fault: (n) =>
        n === 1
          ? {
              status: 503,
              body: { error: { code: 503, message: "Loading model", type: "unavailable_error" } },
              headers: { "retry-after": "0.2" },
            }
          : null,
      ...solvedBy({ toolCalls: [{ name: "edit_file", arguments: FIX }] }),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(cell.scorer.pass_rate.pass).toBe(1);
    expect(requests).toHaveLength(3);
    expect(cell.trace.model_calls.map((c) => c.status)).toEqual([503, 200, 200]);
  });

  it("an unknown model (404) is a configuration failure: exit 3, not retried, the server's words kept", async () => {
    const { run, cell, requests } = await runQuirk({
      fault: () => ({
        status: 404,
        body: {
          error: {
            message: "The model `m` does not exist",
            type: "invalid_request_error",
            code: "model_not_found",
          },
        },
      }),
    });
    expect(run.code).toBe(3);
    expect(requests).toHaveLength(1);
    expect(cell.status).toBe("infra_error");
    expect(cell.status_reason).toContain("does not exist");
  });

  it("Groq's tool_use_failed is retried once, then counts against the model (completed, not infra)", async () => {
    const { run, cell, requests } = await runQuirk({
      fault: () => ({
        status: 400,
        body: {
          error: {
            message: "Failed to call a function. Please adjust your prompt.",
            type: "invalid_request_error",
            code: "tool_use_failed",
            failed_generation: "<function=edit_file>{}",
          },
        },
      }),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(requests).toHaveLength(2);
    expect(cell.status).toBe("completed");
    expect(cell.status_reason).toMatch(/endpoint ended the run/);
  });
});

describe("rate-limit headers", () => {
  it("x-ratelimit-reset-requests is honoured when x-ratelimit-remaining-requests is 0", async () => {
    const { run, cell } = await runQuirk({
      fault: (n) =>
        n === 1
          ? {
              status: 429,
              body: { error: { message: "Rate limit reached for requests" } },
              headers: {
                "x-ratelimit-remaining-requests": "0",
                "x-ratelimit-reset-requests": "1.5s",
                "x-ratelimit-remaining-tokens": "5000",
                "x-ratelimit-reset-tokens": "6m0s",
              },
            }
          : null,
      ...solvedBy({ toolCalls: [{ name: "edit_file", arguments: FIX }] }),
    });
    expect(run.code, run.stderr).toBe(0);
    const wait = cell.trace.spans.find((s) => s.kind === "retry_wait");
    expect(wait?.attrs).toMatchObject({ wait_ms: 1500, source: "x-ratelimit-reset-requests" });
    expect(cell.scorer.latency.container_active_ms).toBeLessThan(cell.scorer.latency.wall_clock_ms - 1400);
  });

  it("a Retry-After beyond the per-wait cap stops at once as rate-limited instead of sleeping an hour", async () => {
    const { run, cell, requests } = await runQuirk({
      fault: () => ({
        status: 429,
        body: { error: { message: "daily quota exhausted" } },
        headers: { "retry-after": "3600" },
      }),
    });
    expect(run.code).toBe(3);
    expect(run.ms).toBeLessThan(20_000);
    expect(requests).toHaveLength(1);
    expect(cell.status_reason).toMatch(/Provider rate limit \(HTTP 429\).*before doing any work/);
    expect(cell.status_reason).toMatch(/asked to wait 3600/);
  });

  it("x-should-retry: false stops a 503 at once", async () => {
    const { run, requests } = await runQuirk({
      fault: () => ({
        status: 503,
        body: { error: { message: "overloaded" } },
        headers: { "x-should-retry": "false" },
      }),
    });
    expect(run.code).toBe(3);
    expect(requests).toHaveLength(1);
  });
});

describe("usage", () => {
  it("a streamed reply without usage is counted with a tokenizer and marked 'estimated', never a silent 0", async () => {
    const step = (s: FakeStep): FakeStep => ({ ...s, usage: null });
    const { run, cell } = await runQuirk(
      solvedBy(
        step({ toolCalls: [{ name: "edit_file", arguments: FIX }] }),
        step({ toolCalls: [{ name: "finish", arguments: FINISH }] }),
      ),
      ["--stream"],
    );
    expect(run.code, run.stderr).toBe(0);
    expect(cell.scorer.pass_rate.pass).toBe(1);
    expect(cell.timing.tokens_source).toBe("estimated");
    expect(cell.scorer.tokens.prompt_tokens).toBeGreaterThan(300);
    expect(cell.scorer.tokens.completion_tokens).toBeGreaterThan(10);
    expect(cell.scorer.composite.components.cost_efficiency).toBeLessThan(1);
  });
});
