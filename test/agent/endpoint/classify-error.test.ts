import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyEndpointError, type EndpointFault } from "../../../src/agent/endpoint/classify-error.js";

function apiError(
  status: number,
  body: object | undefined,
  headers: Record<string, string> = {},
  text?: string,
) {
  return APIError.generate(status, body, text, new Headers(headers));
}

function causedBy(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

type Expected = Pick<EndpointFault, "faultClass" | "kind" | "status" | "retryable">;
const infra = (kind: EndpointFault["kind"], status: number | null, retryable = true): Expected => ({
  faultClass: "infra",
  kind,
  status,
  retryable,
});
const config = (kind: EndpointFault["kind"], status: number | null): Expected => ({
  faultClass: "config",
  kind,
  status,
  retryable: false,
});

describe("classifyEndpointError", () => {
  it.each<[string, unknown, Expected]>([
    ["429", apiError(429, { error: { message: "Rate limit reached" } }), infra("rate_limited", 429)],
    ["408", apiError(408, undefined), infra("timeout", 408)],
    ["409", apiError(409, undefined), infra("unavailable", 409)],
    ["425", apiError(425, undefined), infra("unavailable", 425)],
    ["500", apiError(500, { error: { message: "Internal error" } }), infra("unavailable", 500)],
    ["501 is infra but not retried", apiError(501, undefined), infra("unavailable", 501, false)],
    ["502", apiError(502, undefined), infra("unavailable", 502)],
    [
      "503 llama.cpp loading model",
      apiError(503, { error: { code: 503, message: "Loading model", type: "unavailable_error" } }),
      infra("unavailable", 503),
    ],
    ["504", apiError(504, undefined), infra("timeout", 504)],
    ["520", apiError(520, undefined), infra("unavailable", 520)],
    ["523", apiError(523, undefined), infra("unavailable", 523)],
    ["524", apiError(524, undefined), infra("timeout", 524)],
    [
      "529 overloaded",
      apiError(529, { error: { type: "overloaded_error", message: "Overloaded" } }),
      infra("unavailable", 529),
    ],
    ["401", apiError(401, { error: { message: "Incorrect API key provided" } }), config("auth", 401)],
    ["403", apiError(403, { error: { message: "Project does not have access" } }), config("forbidden", 403)],
    [
      "404",
      apiError(404, { error: { message: "The model `gpt-9` does not exist" } }),
      config("model_not_found", 404),
    ],
    [
      "404 Ollama string body",
      apiError(404, { error: 'model "qwen3" not found, try pulling it first' }),
      config("model_not_found", 404),
    ],
    [
      "404 OpenRouter no tool use",
      apiError(404, { error: { message: "No endpoints found that support tool use", code: 404 } }),
      config("no_tool_support", 404),
    ],
    [
      "404 OpenRouter tool_choice",
      apiError(404, {
        error: { message: "No endpoints found that support the provided 'tool_choice' value" },
      }),
      config("no_tool_support", 404),
    ],
    [
      "400 vLLM auto tool choice",
      apiError(400, {
        error: {
          message: '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
        },
      }),
      config("no_tool_support", 400),
    ],
    [
      "500 llama.cpp without --jinja",
      apiError(500, { error: { message: "Unsupported param: tools" } }),
      config("no_tool_support", 500),
    ],
    [
      "400 Mistral tool call id",
      apiError(400, {
        error: { message: "Tool call id was call_abc but must be a-z, A-Z, 0-9, with a length of 9" },
      }),
      config("bad_request", 400),
    ],
    ["422", apiError(422, { error: { message: "Unprocessable" } }), config("bad_request", 422)],
    [
      "413 without a context message",
      apiError(413, undefined, {}, "Payload Too Large"),
      config("bad_request", 413),
    ],
    ["plain object 429", { status: 429, headers: { "retry-after": "1" } }, infra("rate_limited", 429)],
    ["plain object 401", { status: 401, message: "401 Unauthorized" }, config("auth", 401)],
  ])("%s", (_name, err, expected) => {
    expect(classifyEndpointError(err)).toMatchObject(expected);
  });

  const overflow = (status: number | null): Expected => ({
    faultClass: "context_overflow",
    kind: "context_overflow",
    status,
    retryable: false,
  });
  it.each<[string, unknown, Expected]>([
    [
      "OpenAI code",
      apiError(400, {
        error: { code: "context_length_exceeded", message: "This model's maximum context length is 8192" },
      }),
      overflow(400),
    ],
    [
      "vLLM message only",
      apiError(400, {
        error: {
          message:
            "This model's maximum context length is 16384 tokens. However, you requested 122946 tokens",
        },
      }),
      overflow(400),
    ],
    [
      "llama.cpp type, 400",
      apiError(400, {
        error: {
          type: "exceed_context_size_error",
          message: "the request exceeds the available context size",
        },
      }),
      overflow(400),
    ],
    [
      "llama.cpp message, old 500 (not retried)",
      apiError(500, {
        error: { message: "the request exceeds the available context size. try increasing the context size" },
      }),
      overflow(500),
    ],
    ["413 too many tokens", apiError(413, undefined, {}, "too many tokens in request"), overflow(413)],
    [
      "in an SSE stream, no status",
      new APIError(undefined, { code: "context_length_exceeded" }, undefined, undefined),
      overflow(null),
    ],
  ])("context overflow: %s", (_name, err, expected) => {
    expect(classifyEndpointError(err)).toMatchObject(expected);
  });

  it.each<[string, unknown]>([
    [
      "HTTP 400",
      apiError(400, {
        error: {
          code: "tool_use_failed",
          message: "Failed to call a function",
          failed_generation: "<function=x>",
        },
      }),
    ],
    [
      "SSE error event",
      new APIError(
        undefined,
        { code: "tool_use_failed", message: "Failed to call a function" },
        undefined,
        undefined,
      ),
    ],
  ])("Groq tool_use_failed (%s) is a capability fault", (_name, err) => {
    expect(classifyEndpointError(err)).toMatchObject({
      faultClass: "capability",
      kind: "tool_use_failed",
      retryable: false,
    });
  });

  it.each<[string, unknown, Expected]>([
    [
      "SDK connection error over ECONNREFUSED",
      new APIConnectionError({
        cause: Object.assign(new TypeError("fetch failed"), {
          cause: causedBy("connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED"),
        }),
      }),
      infra("connection", null),
    ],
    ["SDK timeout", new APIConnectionTimeoutError(), infra("timeout", null)],
    ["SDK connection error, no cause", new APIConnectionError({}), infra("connection", null)],
    [
      "terminated by body timeout",
      Object.assign(new TypeError("terminated"), {
        cause: causedBy("Body Timeout Error", "UND_ERR_BODY_TIMEOUT"),
      }),
      infra("timeout", null),
    ],
    [
      "fetch failed by headers timeout",
      Object.assign(new TypeError("fetch failed"), {
        cause: causedBy("Headers Timeout Error", "UND_ERR_HEADERS_TIMEOUT"),
      }),
      infra("timeout", null),
    ],
    ["connect timeout", causedBy("Connect Timeout Error", "UND_ERR_CONNECT_TIMEOUT"), infra("timeout", null)],
    [
      "socket closed",
      Object.assign(new TypeError("terminated"), { cause: causedBy("other side closed", "UND_ERR_SOCKET") }),
      infra("connection", null),
    ],
    ["ECONNRESET", causedBy("read ECONNRESET", "ECONNRESET"), infra("connection", null)],
    ["terminated without a cause", new TypeError("terminated"), infra("connection", null)],
    [
      "unknown host",
      causedBy("getaddrinfo ENOTFOUND api.exampel.com", "ENOTFOUND"),
      config("connection", null),
    ],
  ])("transport: %s", (_name, err, expected) => {
    expect(classifyEndpointError(err)).toMatchObject(expected);
  });

  it.each<[string, unknown]>([
    ["APIUserAbortError", new APIUserAbortError()],
    ["DOMException AbortError", new DOMException("This operation was aborted", "AbortError")],
    [
      "plain AbortError with x-should-retry: true",
      { name: "AbortError", headers: { "x-should-retry": "true" } },
    ],
  ])("%s is aborted and never retryable", (_name, err) => {
    expect(classifyEndpointError(err)).toMatchObject({
      faultClass: "aborted",
      kind: "aborted",
      retryable: false,
    });
  });

  it.each<[string, unknown]>([
    ["a plain Error", new Error("boom")],
    ["a thrown string", "oops"],
    ["undefined", undefined],
  ])("%s is unknown and not retried", (_name, err) => {
    expect(classifyEndpointError(err)).toMatchObject({
      faultClass: "unknown",
      kind: "unknown",
      retryable: false,
    });
  });

  it.each<[string, unknown, Partial<EndpointFault>]>([
    [
      "false stops a 503",
      apiError(503, undefined, { "x-should-retry": "false" }),
      { kind: "unavailable", retryable: false },
    ],
    [
      "true retries a 400",
      apiError(400, { error: { message: "bad" } }, { "x-should-retry": "true" }),
      { kind: "bad_request", retryable: true },
    ],
    [
      "true on a 529 without retry-after",
      apiError(529, undefined, { "x-should-retry": "true" }),
      { kind: "unavailable", retryable: true },
    ],
  ])("x-should-retry: %s", (_name, err, expected) => {
    expect(classifyEndpointError(err)).toMatchObject(expected);
  });

  it("builds a plain sentence from the server's message, with the request id and headers kept", () => {
    const err = apiError(
      401,
      { error: { message: "Incorrect API key provided." } },
      { "x-request-id": "req_42" },
    );
    const fault = classifyEndpointError(err);
    expect(fault.message).toBe(
      "The endpoint refused the API key (HTTP 401): Incorrect API key provided. Check --key (or CAB_KEY / OPENAI_API_KEY).",
    );
    expect(fault.requestId).toBe("req_42");
    expect(fault.headers).toBe((err as APIError).headers);
  });

  it.each([
    [
      "a key echoed by the server",
      "Incorrect API key provided: sk-live-abcdefghijklmnop1234",
      "sk-live-abcdefgh",
    ],
    ["a bearer token", "Invalid header Authorization: Bearer tok_abcdefghijklmnop", "tok_abcdefgh"],
    ["an api-key field", 'bad request {"api_key": "zzsecretzz"}', "zzsecretzz"],
    ["a key in a URL", "GET https://host/v1/models?key=AIzaSecretValue failed", "AIzaSecretValue"],
  ])("redacts %s", (_name, serverText, secret) => {
    const fault = classifyEndpointError(apiError(400, { error: { message: serverText } }));
    expect(fault.message).not.toContain(secret);
    expect(fault.message).toContain("[redacted]");
  });

  it("truncates a long server message to 300 characters", () => {
    const fault = classifyEndpointError(apiError(400, { error: { message: `x${"y".repeat(2000)}` } }));
    const detail = fault.message.slice(fault.message.indexOf(": ") + 2);
    expect(detail.length).toBe(300);
    expect(detail.endsWith("…")).toBe(true);
  });

  it("strips HTML from gateway error pages and adds OpenRouter's upstream detail", () => {
    const html =
      "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    expect(classifyEndpointError(apiError(502, undefined, {}, html)).message).toBe(
      "The endpoint is unavailable or overloaded (HTTP 502): 502 Bad Gateway 502 Bad Gateway.",
    );
    const openRouter = apiError(429, {
      error: {
        message: "Provider returned error",
        metadata: { raw: "qwen is temporarily rate-limited upstream" },
      },
    });
    expect(classifyEndpointError(openRouter).message).toContain(
      "Provider returned error (qwen is temporarily rate-limited upstream)",
    );
  });
});

describe("classifyEndpointError on real transports", () => {
  const secretKey = "sk-test-secretvalue-0123456789";
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith("/stall")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.write("{");
        return;
      }
      const status = Number(req.url?.split("/")[1]);
      const headers = { "content-type": "application/json", "retry-after": "2", "x-request-id": "req_real" };
      res.writeHead(status, headers);
      const echo = `Incorrect API key provided: ${req.headers.authorization?.replace("Bearer ", "")}`;
      res.end(
        JSON.stringify({ error: { message: status === 401 ? echo : "Rate limit reached for requests" } }),
      );
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const client = (path: string) =>
    new OpenAI({
      baseURL: `${base}/${path}/v1`,
      apiKey: secretKey,
      maxRetries: 0,
      fetch: undiciFetch as typeof fetch,
    });
  const chat = (path: string) =>
    client(path).chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] });

  it("a real 429 from the SDK is retryable infra with its headers and request id", async () => {
    const fault = classifyEndpointError(await chat("429").catch((err: unknown) => err));
    expect(fault).toMatchObject({
      faultClass: "infra",
      kind: "rate_limited",
      status: 429,
      retryable: true,
      requestId: "req_real",
    });
    expect(fault.message).toBe(
      "The provider rate-limited the request (HTTP 429): Rate limit reached for requests.",
    );
  });

  it("a real 401 never repeats the key the server echoed", async () => {
    const fault = classifyEndpointError(await chat("401").catch((err: unknown) => err));
    expect(fault).toMatchObject({ faultClass: "config", kind: "auth", status: 401, retryable: false });
    expect(fault.message).not.toContain("secretvalue");
  });

  it("a real undici body timeout is a retryable infra timeout", async () => {
    const dispatcher = new Agent({ bodyTimeout: 50 });
    const err = await undiciFetch(`${base}/stall`, { dispatcher })
      .then((response) => response.text())
      .catch((error: unknown) => error);
    await dispatcher.close();
    const fault = classifyEndpointError(err);
    expect(fault).toMatchObject({ faultClass: "infra", kind: "timeout", status: null, retryable: true });
    expect(fault.message).toContain("UND_ERR_BODY_TIMEOUT");
  });

  it("a real refused connection is retryable infra", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, "close");
    const err = await new OpenAI({
      baseURL: `http://127.0.0.1:${port}/v1`,
      apiKey: secretKey,
      maxRetries: 0,
    }).models
      .list()
      .catch((error: unknown) => error);
    const fault = classifyEndpointError(err);
    expect(fault).toMatchObject({ faultClass: "infra", kind: "connection", retryable: true });
    expect(fault.message).toContain("ECONNREFUSED");
    expect(fault.message).not.toContain(secretKey);
  });
});
