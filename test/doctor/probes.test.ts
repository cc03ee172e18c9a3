import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/agent/endpoint/create-client.js";
import { judgeProbes, runProbes } from "../../src/doctor/probes.js";
import type { ProbeId, ProbeResult } from "../../src/doctor/types.js";

const MODEL = "qwen3-coder";
const KEY = "sk-doctor-SECRET-0123456789";
const USAGE = { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 };
const RATE_LIMIT_HEADERS = { "x-ratelimit-limit-requests": "60", "x-ratelimit-remaining-requests": "59" };

interface ChatBody {
  model?: string;
  stream?: boolean;
  tools?: { function: { name: string } }[];
  tool_choice?: unknown;
  max_tokens?: number;
  max_completion_tokens?: number;
  stream_options?: unknown;
}
interface Reply {
  status?: number;
  json?: unknown;
  /** Chunks sent as SSE `data:` lines, then [DONE]. */
  sse?: unknown[];
  headers?: Record<string, string>;
  /** Never answer (a stalled server). */
  hang?: boolean;
}
type Route = (body: ChatBody) => Reply;
interface Behaviour {
  models: () => Reply;
  chat: Route;
  tools: Route;
  stream: Route;
  /** Answer 401 to any request without this bearer key. */
  requireKey?: string;
}

const completion = (message: object, finish = "stop", usage: object | null = USAGE): Reply => ({
  json: {
    id: "c1",
    object: "chat.completion",
    created: 0,
    model: MODEL,
    choices: [{ index: 0, message: { role: "assistant", content: null, ...message }, finish_reason: finish }],
    ...(usage ? { usage } : {}),
  },
});
const chunk = (delta: object, finish: string | null = null) => ({
  id: "s1",
  object: "chat.completion.chunk",
  choices: [{ index: 0, delta, finish_reason: finish }],
});
const finishCall = (args: unknown) =>
  completion(
    { tool_calls: [{ id: "call_1", type: "function", function: { name: "finish", arguments: args } }] },
    "tool_calls",
  );
const error = (status: number, message: string, extra: object = {}): Reply => ({
  status,
  json: { error: { message, ...extra } },
});

const HEALTHY: Behaviour = {
  models: () => ({
    json: { object: "list", data: [{ id: MODEL }, { id: "other" }] },
    headers: RATE_LIMIT_HEADERS,
  }),
  chat: () => completion({ content: "ok" }),
  tools: () => finishCall('{"message":"ok"}'),
  stream: () => ({
    sse: [
      chunk({ role: "assistant", content: "" }),
      chunk({ content: "ok" }),
      chunk({}, "stop"),
      { choices: [], usage: USAGE },
    ],
  }),
};

interface Server {
  url: string;
  requests: { method: string; path: string; headers: IncomingHttpHeaders; body: ChatBody }[];
  close(): Promise<void>;
}
let server: Server | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** A real OpenAI-compatible server on 127.0.0.1 whose routes behave as `overrides` say (healthy otherwise). */
async function serve(overrides: Partial<Behaviour> = {}): Promise<Server> {
  const behaviour = { ...HEALTHY, ...overrides };
  const requests: Server["requests"] = [];
  const http = createServer(async (req, res) => {
    let text = "";
    for await (const part of req) text += part;
    const body = (text ? JSON.parse(text) : {}) as ChatBody;
    requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
    let reply: Reply;
    if (behaviour.requireKey && req.headers.authorization !== `Bearer ${behaviour.requireKey}`) {
      // Like OpenAI, echo (part of) the key back: the probes must not repeat it.
      reply = error(401, `Incorrect API key provided: ${req.headers.authorization}`, {
        code: "invalid_api_key",
      });
    } else if (req.method === "GET" && req.url?.endsWith("/models")) reply = behaviour.models();
    else if (body.stream) reply = behaviour.stream(body);
    else if (body.tools) reply = behaviour.tools(body);
    else reply = behaviour.chat(body);
    if (reply.hang) return;
    if (reply.sse) {
      res.writeHead(200, { "content-type": "text/event-stream", ...reply.headers });
      for (const data of reply.sse) res.write(`data: ${JSON.stringify(data)}\n\n`);
      return res.end("data: [DONE]\n\n");
    }
    res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
    res.end(JSON.stringify(reply.json ?? {}));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

async function doctor(
  overrides: Partial<Behaviour> = {},
  options: { key?: string; model?: string | null; timeoutMs?: number } = {},
) {
  server = await serve(overrides);
  const key = "key" in options ? options.key : KEY;
  const results = await runProbes({
    client: createClient({ baseURL: server.url, apiKey: key }),
    model: options.model === undefined ? MODEL : options.model,
    keyGiven: Boolean(key),
    timeoutMs: options.timeoutMs ?? 5000,
  });
  const byId = (id: ProbeId) => results.find((r) => r.id === id) as ProbeResult;
  return { results, byId, verdict: judgeProbes(results), requests: server.requests };
}

const statuses = (results: ProbeResult[]) => Object.fromEntries(results.map((r) => [r.id, r.status]));

describe("runProbes against a loopback server", () => {
  it("reports every probe ok on a healthy endpoint, in order, with the rate-limit headers it saw", async () => {
    const { results, byId, verdict, requests } = await doctor();
    expect(results.map((r) => r.id)).toEqual([
      "reach",
      "auth",
      "models",
      "chat",
      "tools",
      "usage",
      "stream",
      "rate_limits",
    ]);
    expect(
      results.every((r) => r.status === "ok"),
      JSON.stringify(results, null, 2),
    ).toBe(true);
    expect(byId("auth").detail).toBe("key accepted by GET /models");
    expect(byId("models").detail).toBe(`${MODEL} is listed (2 models)`);
    expect(byId("chat").detail).toMatch(/^HTTP 200 in \d+ ms, finish_reason stop, replied "ok"$/);
    expect(byId("tools").detail).toMatch(/^finish called with valid JSON arguments in \d+ ms$/);
    expect(byId("usage").detail).toBe("reported: 12 prompt + 2 completion tokens");
    expect(byId("stream").detail).toMatch(
      /^4 chunks in \d+ ms \(first text after \d+ ms\), usage in the stream$/,
    );
    expect(byId("rate_limits").detail).toBe(
      "x-ratelimit-limit-requests: 60, x-ratelimit-remaining-requests: 59",
    );
    expect(verdict).toEqual({ outcome: "ready", text: "ready for cab check" });

    // One request per probe: GET /models, chat, tools, stream. The tool probe offers only `finish`, as the agent names it.
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /v1/models",
      "POST /v1/chat/completions",
      "POST /v1/chat/completions",
      "POST /v1/chat/completions",
    ]);
    const [, chat, tools, stream] = requests.map((r) => r.body);
    expect(chat).toMatchObject({ model: MODEL, max_tokens: 64 });
    expect(chat?.tools).toBeUndefined();
    expect(tools?.tools?.map((t) => t.function.name)).toEqual(["finish"]);
    expect(tools?.tool_choice).toBe("auto");
    expect(stream).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it.each([
    [
      "vLLM 400",
      error(400, '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set', {
        type: "BadRequestError",
        code: 400,
      }),
      /vLLM: restart it with --enable-auto-tool-choice --tool-call-parser NAME/,
    ],
    [
      "llama.cpp 500",
      error(500, "Unsupported param: tools"),
      /llama\.cpp: restart llama-server with --jinja/,
    ],
    ["OpenRouter 404", error(404, "No endpoints found that support tool use."), /OpenRouter: no provider/],
    [
      "an old vLLM's flat 400 body (no message reaches the client)",
      { status: 400, json: { object: "error", message: "auto tool choice", code: 400 } },
      /enable tool calling on the server/,
    ],
  ])("fails the tool probe, not infra, when the server rejects tools (%s)", async (_server, reply, hint) => {
    const { byId, results, verdict } = await doctor({ tools: () => reply });
    const tools = byId("tools");
    expect(tools.status).toBe("fail");
    expect(tools.infra).toBeUndefined();
    expect(tools.hint).toMatch(hint);
    // The classifier's generic advice is not repeated in the detail when the hint says it better.
    expect(tools.detail).not.toMatch(/Enable tool calling/);
    expect(statuses(results)).toMatchObject({ chat: "ok", usage: "ok", stream: "ok" });
    expect(verdict.outcome).toBe("failed");
    expect(verdict.text).toBe(`not usable: tool calls: ${tools.detail}`);
  });

  it("names the vLLM server message in the tool probe's detail", async () => {
    const message = '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set';
    const { byId } = await doctor({ tools: () => error(400, message) });
    expect(byId("tools").detail).toBe(
      `The endpoint does not support tool calling for this model (HTTP 400): ${message}.`,
    );
  });

  it("warns when the tool call comes back as text in content", async () => {
    const text = '<tool_call>\n{"name": "finish", "arguments": {"message": "ok"}}\n</tool_call>';
    const { byId, verdict } = await doctor({ tools: () => completion({ content: text }) });
    expect(byId("tools")).toMatchObject({
      status: "warn",
      hint: expect.stringMatching(/--tool-call-parser/),
    });
    expect(byId("tools").detail).toMatch(/^the tool call came back as text in content: "<tool_call> \{/);
    expect(verdict).toEqual({ outcome: "warnings", text: "usable with warnings" });
  });

  it.each([
    ["a string of bad JSON", '{"message": "ok"', "warn", /its arguments are not valid JSON/],
    ["a JSON object (llama.cpp)", { message: "ok" }, "ok", /sent as a JSON object, not a string/],
  ])("judges tool-call arguments sent as %s", async (_what, args, status, detail) => {
    const { byId } = await doctor({ tools: () => finishCall(args) });
    expect(byId("tools").status).toBe(status);
    expect(byId("tools").detail).toMatch(detail);
  });

  it("warns when usage is missing from whole replies and from the stream", async () => {
    const { byId, verdict } = await doctor({
      chat: () => completion({ content: "ok" }, "stop", null),
      stream: () => ({ sse: [chunk({ content: "ok" }), chunk({}, "stop")] }),
    });
    expect(byId("usage")).toMatchObject({
      status: "warn",
      detail: "the reply has no usage: token axes will be estimated or not recorded",
    });
    expect(byId("stream").status).toBe("warn");
    expect(byId("stream").detail).toMatch(/no usage in the stream/);
    expect(verdict.outcome).toBe("warnings");
  });

  it.each([
    ["a wrong key", "sk-wrong-key-0000000000", /the key was refused: check --key/],
    ["no key", undefined, /this endpoint needs a key: pass --key or set CAB_KEY/],
  ])(
    "fails auth as infra on 401 with %s, skips the rest and never repeats the key",
    async (_what, key, hint) => {
      const { results, byId, verdict, requests } = await doctor({ requireKey: KEY }, { key });
      expect(statuses(results)).toEqual({
        reach: "ok",
        auth: "fail",
        models: "skip",
        chat: "skip",
        tools: "skip",
        usage: "skip",
        stream: "skip",
        rate_limits: "ok",
      });
      expect(byId("auth")).toMatchObject({ infra: true, hint: expect.stringMatching(hint) });
      expect(byId("auth").detail).toMatch(/^The endpoint refused the API key \(HTTP 401\)/);
      expect(verdict.outcome).toBe("infra");
      expect(requests).toHaveLength(1);
      if (key) expect(JSON.stringify(results)).not.toContain(key);
    },
  );

  it("warns when --model is not listed, and still tests it", async () => {
    const { byId, verdict } = await doctor({
      models: () => ({ json: { data: [{ id: "llama3" }, { id: "mistral" }] } }),
    });
    expect(byId("models")).toMatchObject({
      status: "warn",
      detail: `${MODEL} is not among the 2 models listed: llama3, mistral`,
      hint: expect.stringMatching(/some servers .* serve models they do not list/),
    });
    expect(byId("chat").status).toBe("ok");
    expect(verdict.outcome).toBe("warnings");
  });

  it("fails the chat probe with the server's message for an unknown model and skips what depends on it", async () => {
    const { results, byId, verdict } = await doctor({
      chat: () => error(404, "The model `qwen3-coder` does not exist."),
    });
    expect(byId("chat")).toMatchObject({
      status: "fail",
      detail: "The endpoint does not know this model (HTTP 404): The model `qwen3-coder` does not exist.",
      hint: "check --model; GET /models lists qwen3-coder, other",
    });
    expect(byId("chat").infra).toBeUndefined();
    expect(statuses(results)).toMatchObject({
      tools: "skip",
      usage: "skip",
      stream: "skip",
      rate_limits: "ok",
    });
    expect(verdict.outcome).toBe("failed");
  });

  it("fails reachability as infra when nothing listens, with the hint", async () => {
    const closed = await serve();
    await closed.close();
    const results = await runProbes({
      client: createClient({ baseURL: closed.url, apiKey: undefined }),
      model: MODEL,
      keyGiven: false,
      timeoutMs: 5000,
    });
    expect(results[0]).toMatchObject({
      id: "reach",
      status: "fail",
      infra: true,
      hint: "is the server running? check --endpoint",
    });
    expect(results[0]?.detail).toMatch(/ECONNREFUSED/);
    expect(
      results
        .slice(1)
        .every((r) => r.status === "skip" && r.detail === "skipped: the endpoint is unreachable"),
    ).toBe(true);
    expect(judgeProbes(results).outcome).toBe("infra");
  });

  it("without --model probes only the server and says how to test more", async () => {
    const { results, byId, verdict, requests } = await doctor({}, { model: null, key: undefined });
    expect(byId("auth").detail).toBe("no key needed");
    expect(byId("models").detail).toBe(`2 models listed: ${MODEL}, other`);
    for (const id of ["chat", "tools", "usage", "stream"] as const) {
      expect(byId(id)).toMatchObject({ status: "skip", detail: "pass --model to test chat and tool calls" });
    }
    expect(requests).toHaveLength(1);
    expect(results.at(-1)?.status).toBe("ok");
    expect(verdict.outcome).toBe("ready");
  });

  it("warns about a missing GET /models route but tests the model directly", async () => {
    const { byId, verdict } = await doctor({ models: () => error(404, "Not Found") });
    expect(byId("reach").detail).toMatch(/^HTTP 404 from GET \/models in \d+ ms$/);
    expect(byId("auth").status).toBe("skip");
    expect(byId("models").status).toBe("warn");
    expect(byId("chat").status).toBe("ok");
    expect(verdict.outcome).toBe("warnings");
  });

  it("fails a probe that gets no answer within the timeout as infra", async () => {
    const { byId, verdict } = await doctor({ chat: () => ({ hang: true }) }, { timeoutMs: 300 });
    expect(byId("chat")).toMatchObject({ status: "fail", infra: true, detail: "No answer within 0.3 s." });
    expect(byId("chat").hint).toMatch(/raise --timeout/);
    expect(verdict.outcome).toBe("infra");
  });

  it("calls it infra when every probe is rate-limited, and lists the headers that said so", async () => {
    const limited = () => ({ ...error(429, "Rate limit reached"), headers: { "retry-after": "20" } });
    const { results, byId, verdict } = await doctor({
      models: limited,
      chat: limited,
      tools: limited,
      stream: limited,
    });
    for (const id of ["models", "chat", "tools", "stream"] as const) {
      expect(byId(id)).toMatchObject({ status: "warn", rateLimited: true });
    }
    expect(byId("chat").hint).toBe(
      "cab check waits and retries on 429 (the server asked for retry-after: 20)",
    );
    expect(byId("rate_limits").detail).toBe("retry-after: 20");
    expect(results.some((r) => r.status === "fail")).toBe(false);
    expect(verdict).toEqual({
      outcome: "infra",
      text: "not usable: every probe was rate-limited (HTTP 429); try again later",
    });
  });

  it("does not hold a reasoning model's spent token cap against it", async () => {
    const { byId } = await doctor({
      chat: () => completion({ content: "", reasoning_content: "The user wants the word ok, so" }, "length"),
    });
    expect(byId("chat").status).toBe("ok");
    expect(byId("chat").detail).toMatch(/the model was reasoning when the 64-token cap/);
  });

  it("resends with max_completion_tokens when the server rejects max_tokens", async () => {
    const rejectMaxTokens = (ok: Route) => (body: ChatBody) =>
      body.max_tokens === undefined
        ? ok(body)
        : error(
            400,
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
          );
    const { results, requests } = await doctor({
      chat: rejectMaxTokens(HEALTHY.chat),
      tools: rejectMaxTokens(HEALTHY.tools),
      stream: rejectMaxTokens(HEALTHY.stream),
    });
    expect(
      results.every((r) => r.status === "ok"),
      JSON.stringify(results, null, 2),
    ).toBe(true);
    expect(requests.filter((r) => r.body.max_completion_tokens !== undefined)).toHaveLength(3);
  });
});
