import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createAdaptiveLimiter } from "../../../src/agent/endpoint/adaptive-limiter.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../../../src/agent/endpoint/retry.js";
import {
  type MeteringProxy,
  type ModelEndpoint,
  startMeteringProxy,
} from "../../../src/agent/proxy/start-metering-proxy.js";
import { cellStatus } from "../../../src/run-cell.js";
import { createTraceRecorder, type TraceRecorder } from "../../../src/trace-recorder.js";
import type { RunEvent } from "../../../src/types.js";
import { type FakeEndpointOptions, startFakeEndpoint } from "../../helpers/fake-endpoint.js";

const USER_KEY = "sk-user-secret-0123456789abcdef";
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

interface Setup {
  proxy: MeteringProxy;
  trace: TraceRecorder;
  events: RunEvent[];
}

async function proxyFor(
  baseURL: string,
  options: {
    retryPolicy?: Partial<RetryPolicy>;
    limiter?: ModelEndpoint["limiter"];
    apiKey?: string;
    maxCalls?: number;
  } = {},
): Promise<Setup> {
  const trace = createTraceRecorder();
  const events: RunEvent[] = [];
  const proxy = await startMeteringProxy({
    endpoint: {
      baseURL,
      apiKey: options.apiKey ?? USER_KEY,
      host: "upstream",
      limiter: options.limiter ?? null,
    },
    model: "user-model",
    cellId: "cell-1",
    retryPolicy: { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy },
    trace,
    emit: (event) => events.push(event),
    signal: new AbortController().signal,
    ...(options.maxCalls === undefined ? {} : { maxCalls: options.maxCalls }),
  });
  closers.push(() => proxy.close());
  return { proxy, trace, events };
}

async function withFake(options: FakeEndpointOptions, proxyOptions: Parameters<typeof proxyFor>[1] = {}) {
  const fake = await startFakeEndpoint(options);
  closers.push(() => fake.close());
  return { fake, ...(await proxyFor(fake.url, proxyOptions)) };
}

function post(proxy: MeteringProxy, path: string, body: unknown, key: string | null = proxy.localKey) {
  return fetch(`${proxy.baseURL.replace(/\/v1$/, "")}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
}

const chat = (extra: Record<string, unknown> = {}) => ({
  model: "tui-own-name",
  messages: [{ role: "user", content: "hello" }],
  ...extra,
});

/** An upstream whose bytes the test controls, to check pass-through and that nothing is buffered. */
async function rawUpstream(handler: (res: ServerResponse) => void | Promise<void>) {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => void handler(res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

describe("startMeteringProxy: chat completions", () => {
  it("relays a JSON reply, forces the model, swaps the key and records the call", async () => {
    const { fake, proxy, trace, events } = await withFake({ script: [{ content: "hi there" }] });
    const res = await post(proxy, "/v1/chat/completions", chat());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content).toBe("hi there");

    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.body.model).toBe("user-model");
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${USER_KEY}`);
    const calls = trace.snapshot().model_calls;
    expect(calls).toMatchObject([
      { prompt_tokens: 1000, completion_tokens: 50, status: 200, finish_reason: "stop", attempt: 1 },
    ]);
    expect(calls[0]?.request_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(proxy.outcome()).toEqual({
      usage: { promptTokens: 1000, completionTokens: 50, totalTokens: 1050, modelCalls: 1 },
      tokensSource: "proxy",
      modelCallMs: expect.any(Number),
      backoffMs: 0,
      successfulCalls: 1,
    });
    expect(trace.snapshot().spans.filter((s) => s.kind === "model_call")).toHaveLength(1);
    expect(events.filter((e) => e.type === "model_call_end")).toHaveLength(1);
    expect(proxy.log()).toEqual([
      expect.objectContaining({
        method: "POST",
        path: "/v1/chat/completions",
        status: 200,
        upstream: `${fake.url}/chat/completions`,
      }),
    ]);
  });

  it("streams SSE byte for byte as it arrives and meters usage from the last chunk", async () => {
    const first = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { role: "assistant", content: "Hel" } }] })}\n\n`;
    const rest = [
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "lo" }, finish_reason: "stop" }] })}\r\n\r\n`,
      `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } })}\n\n`,
      "data: [DONE]\n\n",
    ];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let upstreamBody = "";
    const url = await rawUpstream(async (res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(first);
      await held; // the rest only after the TUI has seen the first chunk: the proxy must not buffer
      for (const part of rest) res.write(part);
      res.end();
    });
    const { proxy, trace } = await proxyFor(url);
    const res = await post(proxy, "/v1/chat/completions", chat({ stream: true }));
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const firstRead = await reader.read();
    upstreamBody += decoder.decode(firstRead.value);
    expect(upstreamBody).toBe(first);
    release();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      upstreamBody += decoder.decode(value, { stream: true });
    }
    expect(upstreamBody).toBe(first + rest.join(""));
    expect(trace.snapshot().model_calls).toMatchObject([
      { prompt_tokens: 7, completion_tokens: 3, finish_reason: "stop", status: 200 },
    ]);
    const span = trace.snapshot().spans.find((s) => s.kind === "model_call");
    expect(span?.attrs.first_byte_ms).toEqual(expect.any(Number));
    expect(proxy.outcome().usage).toEqual({
      promptTokens: 7,
      completionTokens: 3,
      totalTokens: 10,
      modelCalls: 1,
    });
  });

  it("asks a streaming upstream for usage when the TUI did not", async () => {
    const { fake, proxy } = await withFake({ script: [{ content: "ok" }] });
    const res = await post(proxy, "/v1/chat/completions", chat({ stream: true, stream_options: { x: 1 } }));
    await res.text();
    expect(fake.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { x: 1, include_usage: true },
    });
    expect(proxy.outcome().tokensSource).toBe("proxy");
  });

  it("estimates tokens when the upstream sends no usage, and says so", async () => {
    const { proxy, trace } = await withFake({ script: [{ content: "a reply without usage", usage: null }] });
    await (await post(proxy, "/v1/chat/completions", chat({ stream: true }))).text();
    const outcome = proxy.outcome();
    expect(outcome.tokensSource).toBe("estimated");
    expect(outcome.usage.promptTokens).toBeGreaterThan(0);
    expect(outcome.usage.completionTokens).toBeGreaterThan(0);
    expect(trace.snapshot().model_calls[0]).toMatchObject({ prompt_tokens: null, completion_tokens: null });
  });

  it("retries a 429 with Retry-After before answering: the TUI sees only the success", async () => {
    const limiter = createAdaptiveLimiter(4);
    const { fake, proxy, trace, events } = await withFake(
      {
        script: [{ content: "after the wait" }],
        fault: (n) =>
          n === 1
            ? { status: 429, body: { error: { message: "slow down" } }, headers: { "retry-after": "1" } }
            : null,
      },
      { limiter },
    );
    const res = await post(proxy, "/v1/chat/completions", chat({ stream: true }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("after the wait");
    expect(fake.requests).toHaveLength(2);
    expect(trace.snapshot().model_calls.map((c) => [c.attempt, c.status])).toEqual([
      [1, 429],
      [2, 200],
    ]);
    const wait = trace.snapshot().spans.find((s) => s.kind === "retry_wait");
    expect(wait?.attrs).toMatchObject({
      wait_ms: 1000,
      status: 429,
      retry_after: "1",
      source: "retry-after",
    });
    expect(events).toContainEqual(expect.objectContaining({ type: "retry_wait", waitMs: 1000, status: 429 }));
    expect(proxy.outcome()).toMatchObject({ successfulCalls: 1, backoffMs: 1000 });
    expect(proxy.outcome().endpointFailure).toBeUndefined();
    // The shared limiter saw the 429 (halved) and has its slot back.
    expect(limiter.state()).toMatchObject({ limit: 2, inFlight: 0 });
  });

  it("answers the upstream's 429 once the retry budget is spent, as infra before any work", async () => {
    const body = { error: { message: "quota exceeded", type: "rate_limit_error" } };
    const { fake, proxy, trace } = await withFake(
      { fault: () => ({ status: 429, body, headers: { "retry-after-ms": "5" } }) },
      { retryPolicy: { maxAttempts: 3 } },
    );
    const res = await post(proxy, "/v1/chat/completions", chat());
    expect(res.status).toBe(429);
    expect(res.headers.get("x-should-retry")).toBe("false");
    expect(await res.json()).toEqual(body);
    expect(fake.requests).toHaveLength(3);
    expect(trace.snapshot().model_calls.map((c) => c.status)).toEqual([429, 429, 429]);
    const outcome = proxy.outcome();
    expect(outcome.successfulCalls).toBe(0);
    expect(outcome.endpointFailure).toMatchObject({ faultClass: "infra", kind: "rate_limited", status: 429 });
    const verdict = cellStatus({ ...outcome, stop: "endpoint_error", finalMessage: "" }, false, null);
    expect(verdict.status).toBe("infra_error");
    expect(verdict.reason).toContain("before doing any work");
  });

  it("holds the task's turn budget: past maxCalls successful calls, requests get 400 and are not forwarded", async () => {
    const { fake, proxy } = await withFake(
      { script: [{ content: "one" }, { content: "two" }] },
      { maxCalls: 2 },
    );
    for (let i = 0; i < 2; i++) expect((await post(proxy, "/v1/chat/completions", chat())).status).toBe(200);
    expect(proxy.budgetSpent()).toBe(false);
    const over = await post(proxy, "/v1/chat/completions", chat());
    expect(over.status).toBe(400);
    expect(over.headers.get("x-should-retry")).toBe("false");
    expect(((await over.json()) as { error: { message: string } }).error.message).toMatch(
      /turn budget is spent \(2 model calls\)/,
    );
    expect(fake.requests).toHaveLength(2);
    expect(proxy.budgetSpent()).toBe(true);
    expect(proxy.outcome()).toMatchObject({ successfulCalls: 2 });
    expect(proxy.outcome().endpointFailure).toBeUndefined();
    expect(
      proxy
        .log()
        .map((e) => e.upstream)
        .at(-1),
    ).toBe("refused");
  });

  it("answers 502 when the upstream cannot be reached", async () => {
    const { proxy } = await proxyFor("http://127.0.0.1:9/v1", { retryPolicy: { maxAttempts: 1 } });
    const res = await post(proxy, "/v1/chat/completions", chat());
    expect(res.status).toBe(502);
    expect(proxy.outcome().endpointFailure).toMatchObject({ faultClass: "infra", kind: "connection" });
  });

  it("close() ends a request the upstream never answers, and the attempt is still recorded", async () => {
    const { proxy, trace } = await withFake({ hangFrom: 1 });
    const reply = post(proxy, "/v1/chat/completions", chat()).then(
      (r) => r.status,
      () => "cut",
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await proxy.close();
    expect(await reply).toBe("cut");
    expect(trace.snapshot().model_calls).toMatchObject([{ status: null, attempt: 1 }]);
    expect(proxy.outcome()).toMatchObject({ successfulCalls: 0 });
    expect(proxy.outcome().endpointFailure).toBeUndefined();
  });

  it.each([
    ["no key", null],
    ["a wrong key", "cab-local-wrong"],
    ["the user's own key", USER_KEY],
  ])("refuses %s with 401 and forwards nothing", async (_name, key) => {
    const { fake, proxy } = await withFake({});
    const res = await post(proxy, "/v1/chat/completions", chat(), key);
    expect(res.status).toBe(401);
    expect(fake.requests).toHaveLength(0);
    expect(proxy.log()).toEqual([expect.objectContaining({ status: 401, upstream: "refused" })]);
  });

  it("accepts the local key in api-key and x-api-key headers", async () => {
    const { fake, proxy } = await withFake({});
    for (const header of ["api-key", "x-api-key"]) {
      const res = await fetch(`${proxy.baseURL}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", [header]: proxy.localKey },
        body: JSON.stringify(chat()),
      });
      expect(res.status).toBe(200);
    }
    expect(fake.requests).toHaveLength(2);
  });

  it.each([
    ["POST", "/v1/completions"],
    ["POST", "/v1/embeddings"],
    ["GET", "/v1/chat/completions"],
    ["POST", "/chat/completions"],
    ["POST", "/v1/chat/completions/../../admin"],
    ["DELETE", "/v1/models"],
    ["GET", "/"],
  ])("refuses %s %s with 404 and forwards nothing", async (method, path) => {
    const { fake, proxy } = await withFake({ models: ["x"] });
    const origin = proxy.baseURL.replace(/\/v1$/, "");
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${proxy.localKey}` },
      ...(method === "POST" ? { body: "{}" } : {}),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/no route/);
    expect(fake.requests).toHaveLength(0);
    expect(proxy.log().every((e) => e.upstream === "refused")).toBe(true);
  });

  it("answers GET /v1/models itself with the one model", async () => {
    const { fake, proxy } = await withFake({});
    const res = await fetch(`${proxy.baseURL}/models`, {
      headers: { authorization: `Bearer ${proxy.localKey}` },
    });
    expect(await res.json()).toMatchObject({ data: [{ id: "user-model" }] });
    expect(fake.requests).toHaveLength(0);
    expect(proxy.log()).toEqual([expect.objectContaining({ status: 200, upstream: "local" })]);
  });

  it("sends no Authorization upstream for a keyless endpoint", async () => {
    const fake = await startFakeEndpoint({});
    closers.push(() => fake.close());
    const trace = createTraceRecorder();
    const proxy = await startMeteringProxy({
      endpoint: { baseURL: fake.url, apiKey: undefined, host: "h", limiter: null },
      model: "m",
      cellId: "c",
      retryPolicy: DEFAULT_RETRY_POLICY,
      trace,
      emit: () => {},
      signal: new AbortController().signal,
    });
    closers.push(() => proxy.close());
    await (await post(proxy, "/v1/chat/completions", chat())).text();
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("never lets the user's key into the trace, the log or a reply, nor the local key upstream", async () => {
    const { fake, proxy, trace, events } = await withFake(
      {
        fault: (n) => (n === 1 ? { status: 500, body: { error: { message: "boom" } } } : null),
        script: [{ content: "fine" }],
      },
      { retryPolicy: { baseDelayMs: 10 } },
    );
    const replies = [
      await (await post(proxy, "/v1/chat/completions", chat({ stream: true }))).text(),
      await (await post(proxy, "/v1/chat/completions", chat(), "wrong")).text(),
      await (await post(proxy, "/v1/nope", chat())).text(),
    ];
    const everything = JSON.stringify([trace.snapshot(), proxy.log(), proxy.outcome(), events, replies]);
    expect(everything).not.toContain(USER_KEY);
    expect(JSON.stringify(fake.requests)).not.toContain(proxy.localKey);
    expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${USER_KEY}`)).toBe(true);
  });
});
