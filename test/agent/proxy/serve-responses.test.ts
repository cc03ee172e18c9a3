import OpenAI from "openai";
import type { ResponseInputItem, ResponseStreamEvent } from "openai/resources/responses/responses";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY } from "../../../src/agent/endpoint/retry.js";
import { startMeteringProxy } from "../../../src/agent/proxy/start-metering-proxy.js";
import { createTraceRecorder } from "../../../src/trace-recorder.js";
import { type FakeEndpointOptions, startFakeEndpoint } from "../../helpers/fake-endpoint.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const PATCH = "*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n";
const TOOLS = [
  {
    type: "function" as const,
    name: "exec_command",
    description: "Run a shell command",
    strict: false,
    parameters: { type: "object", properties: { cmd: { type: "string" } }, required: ["cmd"] },
  },
  {
    type: "custom" as const,
    name: "apply_patch",
    description: "Edit files with a patch",
    format: { type: "grammar" as const, syntax: "lark" as const, definition: 'start: "*** Begin Patch"' },
  },
];

async function setup(options: FakeEndpointOptions) {
  const fake = await startFakeEndpoint(options);
  closers.push(() => fake.close());
  const trace = createTraceRecorder();
  const proxy = await startMeteringProxy({
    endpoint: { baseURL: fake.url, apiKey: "sk-user-key-abcdef123456", host: "h", limiter: null },
    model: "user-model",
    cellId: "c",
    retryPolicy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 5 },
    trace,
    emit: () => {},
    signal: new AbortController().signal,
  });
  closers.push(() => proxy.close());
  const client = new OpenAI({ baseURL: proxy.baseURL, apiKey: proxy.localKey, maxRetries: 0 });
  return { fake, proxy, trace, client };
}

describe("POST /v1/responses through the proxy", () => {
  it("runs a codex-like session: function call, freeform call, final text, with an SDK client", async () => {
    const { fake, proxy, trace, client } = await setup({
      script: [
        { content: "Looking.", toolCalls: [{ name: "exec_command", arguments: { cmd: "ls" } }] },
        { toolCalls: [{ name: "apply_patch", arguments: { input: PATCH } }] },
        { content: "DONE" },
      ],
    });
    const input: ResponseInputItem[] = [
      { type: "message", role: "user", content: [{ type: "input_text", text: "create hello.txt" }] },
    ];
    const request = () => ({
      model: "gpt-5-codex",
      instructions: "You are codex.",
      input,
      tools: TOOLS,
      tool_choice: "auto" as const,
      parallel_tool_calls: false,
      store: false,
    });

    // Turn 1: text, then a function call.
    const stream = client.responses.stream(request());
    const seen: ResponseStreamEvent["type"][] = [];
    for await (const event of stream) seen.push(event.type);
    const first = await stream.finalResponse();
    expect(seen.slice(0, 2)).toEqual(["response.created", "response.in_progress"]);
    expect(seen).toContain("response.output_text.delta");
    expect(seen.at(-1)).toBe("response.completed");
    expect(first.output_text).toBe("Looking.");
    const call = first.output.find((item) => item.type === "function_call");
    expect(call).toMatchObject({ name: "exec_command", arguments: '{"cmd":"ls"}', call_id: "call_1_0" });
    expect(first.usage).toMatchObject({ input_tokens: 1000, output_tokens: 50, total_tokens: 1050 });

    // Turn 2: codex replays the items and the output; the model answers with the freeform tool.
    input.push(...(first.output as ResponseInputItem[]));
    input.push({ type: "function_call_output", call_id: "call_1_0", output: "README.md" });
    const second = await client.responses.stream(request()).finalResponse();
    expect(second.output).toEqual([
      expect.objectContaining({
        type: "custom_tool_call",
        name: "apply_patch",
        input: PATCH,
        call_id: "call_2_0",
      }),
    ]);
    const upstream = fake.requests[1]?.body as {
      messages: unknown[];
      tools: { function: { name: string } }[];
    };
    expect(upstream.messages).toEqual([
      { role: "system", content: "You are codex." },
      { role: "user", content: "create hello.txt" },
      {
        role: "assistant",
        content: "Looking.",
        tool_calls: [
          { id: "call_1_0", type: "function", function: { name: "exec_command", arguments: '{"cmd":"ls"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_1_0", content: "README.md" },
    ]);
    expect(upstream.tools.map((t) => t.function.name)).toEqual(["exec_command", "apply_patch"]);

    // Turn 3: the patch output goes back as a tool message; the model finishes.
    input.push(...(second.output as ResponseInputItem[]));
    input.push({ type: "custom_tool_call_output", call_id: "call_2_0", output: "Done!" });
    const third = await client.responses.stream(request()).finalResponse();
    expect(third.output_text).toBe("DONE");
    expect(fake.requests[2]?.body.messages?.at(-1)).toEqual({
      role: "tool",
      tool_call_id: "call_2_0",
      content: "Done!",
    });

    expect(
      fake.requests.every((r) => r.path === "/v1/chat/completions" && r.body.model === "user-model"),
    ).toBe(true);
    expect(proxy.outcome()).toMatchObject({
      usage: { promptTokens: 3000, completionTokens: 150, totalTokens: 3150, modelCalls: 3 },
      tokensSource: "proxy",
      successfulCalls: 3,
    });
    expect(trace.snapshot().model_calls.map((c) => c.finish_reason)).toEqual([
      "tool_calls",
      "tool_calls",
      "stop",
    ]);
    expect(proxy.log().map((e) => [e.path, e.status])).toEqual([
      ["/v1/responses", 200],
      ["/v1/responses", 200],
      ["/v1/responses", 200],
    ]);
  });

  it("answers a non-streaming request with one response object", async () => {
    const { client } = await setup({ script: [{ content: "plain" }] });
    const response = await client.responses.create({ model: "x", input: "hi" });
    expect(response).toMatchObject({ object: "response", status: "completed", output_text: "plain" });
  });

  it("hands the upstream's final error to the TUI before any event", async () => {
    const { client, proxy } = await setup({
      fault: () => ({
        status: 429,
        body: { error: { message: "slow down" } },
        headers: { "retry-after-ms": "1" },
      }),
    });
    const failed = await client.responses
      .stream({ model: "x", input: "hi" })
      .finalResponse()
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(OpenAI.RateLimitError);
    expect(proxy.outcome().endpointFailure).toMatchObject({ kind: "rate_limited" });
  });
});
