import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody, sendJson } from "../loopback-http.js";
import { DEMO_MODEL, DEMO_SCRIPT } from "./demo-script.js";
import {
  type DemoMessage,
  type DemoTurn,
  isTuiRequest,
  offeredTools,
  tuiDemoTurn,
} from "./tui-demo-script.js";

export interface DemoEndpoint {
  /** Base URL including /v1. */
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback OpenAI-compatible endpoint that replays DEMO_SCRIPT to the builtin agent and the TUI demo
 * script (in the TUI's own tool names, streamed when asked) to third-party TUIs. It is a script, not a model.
 * The very first request is answered 429 with Retry-After: 1, so the demo shows the backoff.
 * The script step is the number of assistant turns in the request, so a retried request replays the same step.
 */
export async function startDemoEndpoint(): Promise<DemoEndpoint> {
  let requests = 0;
  const server = createServer((req, res) => {
    handle(req, res, ++requests).catch((error: Error) =>
      sendJson(res, 500, { error: { message: error.message } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, requestNumber: number): Promise<void> {
  if (req.method === "GET" && req.url?.endsWith("/models")) {
    return sendJson(res, 200, {
      object: "list",
      data: [{ id: DEMO_MODEL, object: "model", owned_by: "codingagentbench-demo" }],
    });
  }
  if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
    return sendJson(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: "not_found" } });
  }
  const body = JSON.parse(await readBody(req)) as {
    messages?: DemoMessage[];
    tools?: unknown;
    stream?: boolean;
  };
  if (requestNumber === 1) {
    return sendJson(
      res,
      429,
      { error: { message: "demo: rate limited once on purpose", type: "rate_limit_error" } },
      { "retry-after": "1" },
    );
  }
  const messages = body.messages ?? [];
  const tools = offeredTools(body.tools);
  const turn =
    isTuiRequest(tools) || tools.length === 0 ? tuiDemoTurn(tools, messages) : builtinTurn(messages);
  const promptTokens = Math.ceil(JSON.stringify(messages).length / 4);
  const argumentsText = turn.call ? JSON.stringify(turn.call.arguments) : "";
  const completionTokens = Math.ceil((argumentsText.length + (turn.content?.length ?? 0)) / 4);
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  const toolCalls = turn.call
    ? [
        {
          id: `call_${requestNumber}`,
          type: "function",
          function: { name: turn.call.name, arguments: argumentsText },
        },
      ]
    : [];
  const finishReason = turn.call ? "tool_calls" : "stop";
  const id = `demo-${requestNumber}`;
  if (body.stream === true) return stream(res, id, turn.content, toolCalls, finishReason, usage);
  return sendJson(res, 200, {
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: DEMO_MODEL,
    choices: [
      {
        index: 0,
        finish_reason: finishReason,
        message: {
          role: "assistant",
          content: turn.content,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
      },
    ],
    usage,
  });
}

/** The builtin agent's turn: DEMO_SCRIPT, one step per assistant message so far. */
function builtinTurn(messages: { role: string }[]): DemoTurn {
  const step =
    DEMO_SCRIPT[messages.filter((m) => m.role === "assistant").length] ?? DEMO_SCRIPT[DEMO_SCRIPT.length - 1];
  if (!step) throw new Error("empty demo script");
  return step;
}

/** The same reply as chat.completion.chunk events (every TUI streams): text, the tool call, finish, usage. */
function stream(
  res: ServerResponse,
  id: string,
  content: string | null,
  toolCalls: { id: string; type: string; function: { name: string; arguments: string } }[],
  finishReason: string,
  usage: Record<string, number>,
): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    res.write(
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: DEMO_MODEL, choices, ...extra })}\n\n`,
    );
  chunk([{ index: 0, delta: { role: "assistant", content: content ?? "" }, finish_reason: null }]);
  toolCalls.forEach((call, index) => {
    chunk([{ index: 0, delta: { tool_calls: [{ index, ...call }] }, finish_reason: null }]);
  });
  chunk([{ index: 0, delta: {}, finish_reason: finishReason }]);
  chunk([], { usage });
  res.end("data: [DONE]\n\n");
}
