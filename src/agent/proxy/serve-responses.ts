import type { ServerResponse } from "node:http";
import { createResponsesTranslator, createSseWriter } from "./chat-to-responses-stream.js";
import { type ForwardContext, forwardChat, type ReplySink } from "./forward-request.js";
import { replayFailure, writeTo } from "./reply.js";
import { responsesToChat } from "./responses-to-chat.js";

/**
 * POST /v1/responses against a chat-only endpoint: the request is translated to chat completions,
 * forwarded (streaming, metered, retried like any chat request) and the reply translated back, as
 * Responses SSE events when the TUI asked for a stream, else as one response object.
 */
export async function serveResponses(
  context: ForwardContext,
  path: string,
  request: Record<string, unknown>,
  model: string,
  res: ServerResponse,
): Promise<void> {
  const { body, customTools } = responsesToChat(request, model);
  const echo: Record<string, unknown> = {};
  for (const key of ["tool_choice", "parallel_tool_calls", "temperature", "top_p"]) {
    if (request[key] !== undefined) echo[key] = request[key];
  }
  const translator = createResponsesTranslator({ model, customTools, echo });
  const streaming = request.stream === true;
  const frame = createSseWriter();
  const sink: ReplySink = streaming
    ? {
        open() {
          res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
          res.flushHeaders();
          res.write(frame(translator.start()));
        },
        async write(_bytes, chunks) {
          const text = chunks.map((chunk) => frame(translator.push(chunk))).join("");
          if (text) await writeTo(res, text);
        },
        async end() {
          await writeTo(res, frame(translator.finish()));
          await new Promise<void>((resolve) => res.end(resolve));
        },
        abort: () => res.destroy(),
      }
    : {
        open() {},
        async write(_bytes, chunks) {
          for (const chunk of chunks) translator.push(chunk);
        },
        async end() {
          translator.finish();
          res.writeHead(200, { "content-type": "application/json" });
          await new Promise<void>((resolve) => res.end(JSON.stringify(translator.response()), resolve));
        },
        abort: () => res.destroy(),
      };
  const failure = await forwardChat(context, path, body, sink);
  if (failure) replayFailure(res, failure);
}
