import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Dispatcher } from "undici";
import { request } from "undici";
import type { RunListener } from "../../types.js";
import type { ChatRequest } from "../chat-types.js";
import type { AdaptiveLimiter } from "../endpoint/adaptive-limiter.js";
import { readUsage } from "../endpoint/read-usage.js";
import { type RetryBudget, type RetryPolicy, type RetryResult, withRetry } from "../endpoint/retry.js";
import type { CallMeter, MeteredReply } from "./record-call.js";
import { createSseParser, parseDataEvents } from "./sse.js";

/** Below this, a wait for the limiter is not worth telling the user about (as in limit-call-model). */
const REPORTED_WAIT_MS = 250;

/** Where a 2xx reply goes, chunk by chunk, as it arrives. */
export interface ReplySink {
  /** The upstream answered 2xx and its first bytes arrived. */
  open(status: number, contentType: string): void;
  /** Raw bytes as they came, with the chat objects parsed from them (SSE data, or the whole JSON body). */
  write(bytes: Uint8Array, chunks: unknown[]): Promise<void>;
  /** The reply is complete and metered. */
  end(): Promise<void>;
  /** The reply broke after bytes were sent: cut the TUI's connection so it sees the failure. */
  abort(): void;
}

/** The upstream's answer when retries ran out: replayed to the TUI as it was. */
export interface UpstreamFailure {
  status: number | null;
  contentType: string | null;
  body: string | null;
  message: string;
}

export interface ForwardContext {
  upstreamURL: string;
  apiKey: string | undefined;
  limiter: AdaptiveLimiter | null;
  dispatcher: Dispatcher;
  retryPolicy: RetryPolicy;
  budget: RetryBudget;
  signal: AbortSignal;
  meter: CallMeter;
  cellId: string;
  emit: RunListener;
}

/** A non-2xx answer, shaped like the SDK's APIError so classifyEndpointError and the limiter read it. */
export class UpstreamStatusError extends Error {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly error: unknown;
  readonly body: string;

  constructor(status: number, headers: IncomingHttpHeaders, body: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = body || undefined;
    }
    const bag = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : null;
    super(`${status} ${body.slice(0, 300)}`);
    this.name = "UpstreamStatusError";
    this.status = status;
    this.headers = headers;
    this.error = bag?.error ?? parsed;
    this.body = body;
  }
}

/**
 * POST one chat-completions body upstream through the limiter and the retry loop, streaming the 2xx
 * reply into `sink`. Retries happen only before the sink got a byte. Returns null on success, or what
 * the TUI should be answered when the upstream failed for good.
 */
export async function forwardChat(
  context: ForwardContext,
  path: string,
  body: Record<string, unknown>,
  sink: ReplySink,
): Promise<UpstreamFailure | null> {
  const payload = JSON.stringify(body);
  const requestHash = createHash("sha256").update(payload).digest("hex").slice(0, 16);
  const metered = context.meter.begin({
    path,
    requestHash,
    request: body as unknown as Pick<ChatRequest, "messages" | "tools">,
  });
  let lastError: unknown = null;
  const result: RetryResult<MeteredReply> = await withRetry(
    async (attempt) => {
      metered.startAttempt(attempt);
      try {
        return await attemptOnce(context, payload, sink);
      } catch (error) {
        lastError = error;
        throw error;
      }
    },
    {
      policy: context.retryPolicy,
      budget: context.budget,
      signal: context.signal,
      onAttempt: metered.onAttempt,
      onWait: metered.onWait,
    },
  );
  // The TUI sees the end of the reply only once it is metered, so outcome() is complete when the TUI exits.
  await metered.finish(result);
  if (result.ok) {
    if (result.value.broken) sink.abort();
    else await sink.end();
    return null;
  }
  if (lastError instanceof UpstreamStatusError) {
    const type = lastError.headers["content-type"];
    return {
      status: lastError.status,
      contentType: typeof type === "string" ? type : null,
      body: lastError.body,
      message: result.fault.message,
    };
  }
  return { status: null, contentType: null, body: null, message: result.fault.message };
}

async function attemptOnce(context: ForwardContext, payload: string, sink: ReplySink): Promise<MeteredReply> {
  const { limiter } = context;
  if (limiter) {
    const waited = await limiter.acquire(context.signal);
    if (waited >= REPORTED_WAIT_MS)
      context.emit({ type: "throttled", waitedMs: waited, limit: limiter.state().limit });
  }
  try {
    const reply = await send(context, payload, sink);
    limiter?.release(reply.broken ?? undefined);
    return reply;
  } catch (error) {
    limiter?.release(error);
    throw error;
  }
}

async function send(context: ForwardContext, payload: string, sink: ReplySink): Promise<MeteredReply> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
  };
  if (context.apiKey) headers.authorization = `Bearer ${context.apiKey}`;
  const started = performance.now();
  const response = await request(context.upstreamURL, {
    method: "POST",
    headers,
    body: payload,
    signal: context.signal,
    dispatcher: context.dispatcher,
  });
  if (response.statusCode < 200 || response.statusCode >= 300) {
    const text = await response.body.text().catch(() => "");
    throw new UpstreamStatusError(response.statusCode, response.headers, text);
  }
  const rawType = response.headers["content-type"];
  const contentType = (Array.isArray(rawType) ? rawType[0] : rawType) ?? "application/json";
  const reply: MeteredReply = {
    status: response.statusCode,
    usage: null,
    finishReason: null,
    firstByteMs: null,
    content: "",
    toolCalls: [],
    broken: null,
  };
  if (!contentType.includes("text/event-stream")) {
    // A JSON reply is one object: read it whole (a failure here is still retryable), then relay it.
    const bytes = Buffer.from(await response.body.arrayBuffer());
    reply.firstByteMs = performance.now() - started;
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(bytes.toString("utf8"));
    } catch {
      // Relayed as it is; the meter finds no usage in it.
    }
    if (parsed) observe(reply, parsed);
    sink.open(response.statusCode, contentType);
    await sink.write(bytes, parsed ? [parsed] : []);
    return reply;
  }
  const parser = createSseParser();
  const decoder = new TextDecoder();
  let opened = false;
  const deliver = async (bytes: Uint8Array, text: string, final: boolean) => {
    const events = final ? [...parser.feed(text), ...parser.end()] : parser.feed(text);
    const chunks = parseDataEvents(events);
    for (const chunk of chunks) observe(reply, chunk);
    if (!opened) {
      opened = true;
      reply.firstByteMs = performance.now() - started;
      sink.open(response.statusCode, contentType);
    }
    await sink.write(bytes, chunks);
  };
  try {
    for await (const bytes of response.body as AsyncIterable<Buffer>) {
      await deliver(bytes, decoder.decode(bytes, { stream: true }), false);
    }
    await deliver(new Uint8Array(0), decoder.decode(), true);
  } catch (error) {
    if (!opened) throw error;
    response.body.destroy();
    reply.broken = error;
  }
  return reply;
}

/** Pick usage, finish reason, text and tool calls out of a chat chunk or a whole chat completion. */
function observe(reply: MeteredReply, value: unknown): void {
  if (!value || typeof value !== "object") return;
  const chunk = value as {
    usage?: unknown;
    choices?: {
      finish_reason?: string | null;
      delta?: { content?: unknown; tool_calls?: ToolDelta[] };
      message?: { content?: unknown; tool_calls?: ToolDelta[] };
    }[];
  };
  const usage = readUsage(chunk.usage);
  if (usage) reply.usage = usage;
  const choice = chunk.choices?.[0];
  if (!choice) return;
  if (choice.finish_reason) reply.finishReason = choice.finish_reason;
  const part = choice.delta ?? choice.message;
  if (typeof part?.content === "string") reply.content += part.content;
  for (const call of part?.tool_calls ?? []) {
    const index = call.index ?? reply.toolCalls.length;
    const slot = reply.toolCalls[index] ?? { function: { name: "", arguments: "" } };
    reply.toolCalls[index] = slot;
    if (call.function?.name) slot.function.name += call.function.name;
    const args = call.function?.arguments;
    if (args !== undefined && args !== null)
      slot.function.arguments += typeof args === "string" ? args : JSON.stringify(args);
  }
}

interface ToolDelta {
  index?: number;
  function?: { name?: string | null; arguments?: unknown };
}
