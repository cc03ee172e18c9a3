import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { EnvHttpProxyAgent } from "undici";
import type { TraceRecorder } from "../../trace-recorder.js";
import type { RunListener } from "../../types.js";
import type { AdaptiveLimiter } from "../endpoint/adaptive-limiter.js";
import { DEFAULT_BODY_TIMEOUT_MS, DEFAULT_HEADERS_TIMEOUT_MS } from "../endpoint/create-client.js";
import type { RetryPolicy } from "../endpoint/retry.js";
import { type ForwardContext, forwardChat } from "./forward-request.js";
import { createCallMeter, type ProxyOutcome } from "./record-call.js";
import { rawSink, replayFailure, sendError, sendJson } from "./reply.js";
import { serveResponses } from "./serve-responses.js";

/** The user's endpoint as the run resolved it, shared by every cell. */
export interface ModelEndpoint {
  baseURL: string;
  apiKey: string | undefined;
  host: string;
  /** The one limiter of this endpoint (the builtin agent's too); null with --fixed-concurrency. */
  limiter: AdaptiveLimiter | null;
}

export interface MeteringProxyOptions {
  endpoint: ModelEndpoint;
  model: string;
  cellId: string;
  retryPolicy: RetryPolicy;
  trace: TraceRecorder;
  emit: RunListener;
  signal: AbortSignal;
  /**
   * The task's turn budget as model calls: once this many have succeeded, further model requests are
   * answered 400 and not forwarded (as the builtin agent stops at max_turns). Absent: no limit.
   */
  maxCalls?: number;
}

/** One request the proxy saw. `upstream` is the URL it went to (no query), "local" or "refused". */
export interface ProxyLogEntry {
  time: string;
  method: string;
  path: string;
  status: number;
  upstream: string;
}

export interface MeteringProxy {
  /** http://127.0.0.1:PORT/v1 — the base URL a TUI is given */
  baseURL: string;
  /** a random per-cell key the TUI is given instead of the user's key; requests without it get 401 */
  localKey: string;
  /** what the proxy measured so far, in the AgentOutcome shape */
  outcome(): ProxyOutcome;
  /** Whether a model request was refused because the turn budget (maxCalls) was spent. */
  budgetSpent(): boolean;
  /** every request the proxy saw (path, method, status it answered, upstream URL or "refused") */
  log(): ProxyLogEntry[];
  close(): Promise<void>;
}

/** TUI request bodies (qwen sends ~80 KB a turn) stay far below this; anything larger is refused. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/**
 * A loopback proxy in front of the user's endpoint for one cell: the TUI gets a local URL and key, the
 * proxy forwards the model API only (with the user's key, the cell's 429 policy and the endpoint's
 * limiter) and meters every call into the cell's trace. `/v1/responses` is translated to chat completions.
 */
export async function startMeteringProxy(options: MeteringProxyOptions): Promise<MeteringProxy> {
  const localKey = `cab-local-${randomBytes(24).toString("hex")}`;
  let budgetSpent = false;
  const log: ProxyLogEntry[] = [];
  const closing = new AbortController();
  const signal = AbortSignal.any([options.signal, closing.signal]);
  const dispatcher = new EnvHttpProxyAgent({
    headersTimeout: DEFAULT_HEADERS_TIMEOUT_MS,
    bodyTimeout: DEFAULT_BODY_TIMEOUT_MS,
  });
  const budget = { waitedMs: 0 };
  const meter = createCallMeter({ cellId: options.cellId, trace: options.trace, emit: options.emit, budget });
  const chatURL = upstreamURL(options.endpoint.baseURL, "chat/completions");
  const loggedURL = chatURL.origin + chatURL.pathname;

  const forwardContext = (requestSignal: AbortSignal): ForwardContext => ({
    upstreamURL: chatURL.toString(),
    apiKey: options.endpoint.apiKey,
    limiter: options.endpoint.limiter,
    dispatcher,
    retryPolicy: options.retryPolicy,
    budget,
    signal: requestSignal,
    meter,
    cellId: options.cellId,
    emit: options.emit,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "GET";
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const entry: ProxyLogEntry = {
      time: new Date().toISOString(),
      method,
      path,
      status: 0,
      upstream: "refused",
    };
    log.push(entry);
    const settle = () => {
      entry.status = res.statusCode;
    };
    res.on("finish", settle);
    res.on("close", settle);
    const route = routeOf(method, path, options.model);
    if (!route) return sendError(res, 404, `cab proxy: no route ${method} ${path}`, "not_found");
    if (!authorized(req, localKey))
      return sendError(res, 401, "cab proxy: wrong or missing key", "invalid_api_key");
    if (route === "models") {
      entry.upstream = "local";
      const model = { id: options.model, object: "model", created: 0, owned_by: "cab-proxy" };
      return sendJson(res, 200, path.endsWith("/models") ? { object: "list", data: [model] } : model);
    }
    if (options.maxCalls !== undefined && meter.outcome().successfulCalls >= options.maxCalls) {
      budgetSpent = true;
      return sendError(
        res,
        400,
        `cab proxy: the task's turn budget is spent (${options.maxCalls} model calls); stop and summarise`,
        "budget_exhausted",
        { "x-should-retry": "false" },
      );
    }
    const body = await readJson(req);
    if (body === "too_large")
      return sendError(res, 413, "cab proxy: request body too large", "invalid_request_error");
    if (body === null)
      return sendError(res, 400, "cab proxy: the body is not a JSON object", "invalid_request_error");
    entry.upstream = loggedURL;
    // The TUI going away (or the cell ending) aborts the upstream request.
    const gone = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) gone.abort();
    });
    const context = forwardContext(AbortSignal.any([signal, gone.signal]));
    if (route === "responses") return serveResponses(context, path, body, options.model, res);
    body.model = options.model;
    if (body.stream === true) {
      const streamOptions =
        typeof body.stream_options === "object" && body.stream_options ? body.stream_options : {};
      body.stream_options = { ...streamOptions, include_usage: true };
    }
    const failure = await forwardChat(context, path, body, rawSink(res));
    if (failure) replayFailure(res, failure);
  };

  const pending = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const handled = handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendError(res, 500, `cab proxy: ${message}`, "proxy_error");
      else res.destroy();
    });
    pending.add(handled);
    void handled.finally(() => pending.delete(handled));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | null = null;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    localKey,
    outcome: () => meter.outcome(),
    budgetSpent: () => budgetSpent,
    log: () => log.map((e) => ({ ...e })),
    close() {
      closed ??= (async () => {
        closing.abort();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        // Requests cut short still get their attempts recorded before the cell reads outcome().
        await Promise.allSettled([...pending]);
        await stopped;
        await dispatcher.destroy().catch(() => {});
      })();
      return closed;
    },
  };
}

type Route = "chat" | "responses" | "models";

function routeOf(method: string, path: string, model: string): Route | null {
  if (method === "POST" && path === "/v1/chat/completions") return "chat";
  if (method === "POST" && path === "/v1/responses") return "responses";
  const modelPaths = ["/v1/models", `/v1/models/${model}`, `/v1/models/${encodeURIComponent(model)}`];
  if (method === "GET" && modelPaths.includes(path)) return "models";
  return null;
}

/** `${baseURL}/${suffix}`, keeping any query the endpoint URL carries (e.g. api-version). */
function upstreamURL(baseURL: string, suffix: string): URL {
  const url = new URL(baseURL);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${suffix}`;
  return url;
}

function authorized(req: IncomingMessage, localKey: string): boolean {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim();
  const candidates = [bearer, req.headers["api-key"], req.headers["x-api-key"]];
  const expected = Buffer.from(localKey);
  return candidates.some((value) => {
    if (typeof value !== "string") return false;
    const given = Buffer.from(value);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null | "too_large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) return "too_large";
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
