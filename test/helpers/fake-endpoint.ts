import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted model turn: optional text and tool calls (arguments as an object or raw string). */
export interface FakeStep {
  content?: string | null;
  toolCalls?: { name: string; arguments: Record<string, unknown> | string }[];
  finishReason?: string;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
  /** JSON replies only: this message object verbatim (odd ids, object arguments, extra fields). */
  rawMessage?: Record<string, unknown>;
}

export interface FakeFault {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface FakeEndpointOptions {
  /** Turn N answers with script[N], N = assistant messages already in the request (retries replay a turn). */
  script?: FakeStep[];
  /** Called per request (1-based); a fault answers instead of the script. */
  fault?: (requestNumber: number, request: RecordedRequest) => FakeFault | null;
  /** When set, GET …/models lists these ids (otherwise it is a 404, as on servers without the route). */
  models?: string[];
  /** When set and it returns a step, that step answers instead of the script (e.g. chosen by `tools`). */
  respond?: (request: RecordedRequest) => FakeStep | undefined;
  /** Never answer requests from this number on (a stalled server). */
  hangFrom?: number;
  /** Delay before each answer, so requests overlap. */
  latencyMs?: number;
  /** More requests than this in flight at once get a 429 with Retry-After: 1 (a rate-limited provider). */
  maxInFlight?: number;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: {
    model?: string;
    stream?: boolean;
    messages?: { role: string; content?: unknown }[];
    tools?: unknown[];
    tool_choice?: unknown;
  };
}

export interface FakeEndpoint {
  url: string;
  requests: RecordedRequest[];
  /** 429s sent because of maxInFlight. */
  rateLimited(): number;
  close(): Promise<void>;
}

/** A scripted OpenAI-compatible server on 127.0.0.1 that answers JSON or SSE (when the request streams). */
export async function startFakeEndpoint(options: FakeEndpointOptions = {}): Promise<FakeEndpoint> {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let rateLimited = 0;
  const server = createServer(async (req, res) => {
    const body = JSON.parse((await readBody(req)) || "{}") as RecordedRequest["body"];
    requests.push({ path: req.url ?? "", headers: req.headers, body });
    if (options.hangFrom !== undefined && requests.length >= options.hangFrom) return;
    inFlight++;
    try {
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      if (options.maxInFlight !== undefined && inFlight > options.maxInFlight) {
        rateLimited++;
        return json(
          res,
          429,
          { error: { message: "Too many concurrent requests", type: "rate_limit_error" } },
          { "retry-after": "1" },
        );
      }
      return answer(req, res, body);
    } finally {
      inFlight--;
    }
  });
  const answer = (req: IncomingMessage, res: ServerResponse, body: RecordedRequest["body"]) => {
    const request: RecordedRequest = { path: req.url ?? "", headers: req.headers, body };
    const fault = options.fault?.(requests.length, request);
    if (fault) return json(res, fault.status, fault.body, fault.headers);
    if (options.models && req.method === "GET" && req.url?.endsWith("/models")) {
      const data = options.models.map((id) => ({ id, object: "model", created: 0, owned_by: "fake" }));
      return json(res, 200, { object: "list", data });
    }
    if (!req.url?.endsWith("/chat/completions")) return json(res, 404, { error: { message: "not found" } });
    const turn = (body.messages ?? []).filter((m) => m.role === "assistant").length;
    const step = options.respond?.(request) ??
      options.script?.[turn] ?? { content: "I have nothing more to do." };
    if (body.stream) return sse(res, step, requests.length);
    return json(res, 200, completion(step, requests.length));
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    rateLimited: () => rateLimited,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function toolCalls(step: FakeStep, requestNumber: number) {
  return (step.toolCalls ?? []).map((call, i) => ({
    id: `call_${requestNumber}_${i}`,
    type: "function",
    function: {
      name: call.name,
      arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
}

function usageOf(step: FakeStep) {
  return step.usage === undefined
    ? { prompt_tokens: 1000, completion_tokens: 50, total_tokens: 1050 }
    : step.usage;
}

function completion(step: FakeStep, requestNumber: number) {
  const calls = toolCalls(step, requestNumber);
  return {
    id: `fake-${requestNumber}`,
    object: "chat.completion",
    created: 0,
    model: "fake",
    choices: [
      {
        index: 0,
        finish_reason: step.finishReason ?? (calls.length ? "tool_calls" : "stop"),
        message: step.rawMessage ?? {
          role: "assistant",
          content: step.content ?? null,
          ...(calls.length ? { tool_calls: calls } : {}),
        },
      },
    ],
    usage: usageOf(step),
  };
}

/** Streams the turn the way OpenAI does: role, text, tool-call fragments by index, finish, usage, [DONE]. */
function sse(res: ServerResponse, step: FakeStep, requestNumber: number) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (delta: unknown, finish: string | null = null, usage: unknown = undefined) =>
    res.write(
      `data: ${JSON.stringify({ id: `fake-${requestNumber}`, object: "chat.completion.chunk", created: 0, model: "fake", choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`,
    );
  chunk({ role: "assistant", content: "" });
  if (step.content) chunk({ content: step.content });
  toolCalls(step, requestNumber).forEach((call, index) => {
    const args = call.function.arguments;
    const half = Math.floor(args.length / 2);
    chunk({
      tool_calls: [
        {
          index,
          id: call.id,
          type: "function",
          function: { name: call.function.name, arguments: args.slice(0, half) },
        },
      ],
    });
    chunk({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] });
  });
  chunk({}, step.finishReason ?? (step.toolCalls?.length ? "tool_calls" : "stop"));
  const usage = usageOf(step);
  if (usage) chunk(null, null, usage);
  res.end("data: [DONE]\n\n");
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
