import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody, sendJson } from "../loopback-http.js";
import type { ModelExchange } from "../types.js";
import { compareRequest, type IncomingRequest } from "./compare-request.js";
import { expandMessageHashes } from "./message-hash.js";

/** The first model call whose request did not match the recording. */
export interface Drift {
  /** 1-based call number. */
  call: number;
  recordedCalls: number;
  detail: string;
}

export interface ReplayEndpoint {
  /** Base URL including /v1. */
  url: string;
  /** Calls answered from the recording. */
  served(): number;
  drift(): Drift | null;
  close(): Promise<void>;
}

/**
 * A loopback OpenAI-compatible endpoint that answers call N with the recorded reply N, after checking
 * that request N is the recorded one. With `refuseTools` it rejects tool definitions as the recorded
 * endpoint did, so the agent switches to the text protocol again. The first mismatch is kept as the drift and answered with
 * HTTP 400, which ends the agent's run (400 is never retried).
 */
export async function startReplayEndpoint(
  exchanges: readonly ModelExchange[],
  options: { refuseTools?: boolean } = {},
): Promise<ReplayEndpoint> {
  const expected = expandMessageHashes(exchanges.map((e) => e.request));
  let calls = 0;
  let served = 0;
  let drift: Drift | null = null;
  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => sendJson(res, 500, { error: { message: error.message } }));
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const text = await readBody(req);
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions"))
      return sendJson(res, 404, { error: { message: `replay: no route ${req.method} ${req.url}` } });
    const request = JSON.parse(text) as IncomingRequest & { tools?: unknown[] };
    // The recorded endpoint refused tool definitions and the cell switched to the text protocol: refuse
    // them again, as that endpoint did (not a call: the recording starts after the switch).
    if (options.refuseTools && Array.isArray(request.tools) && request.tools.length > 0)
      return sendJson(res, 400, {
        error: {
          message: "replay: this model does not support tools (recorded: text protocol)",
          type: "BadRequestError",
        },
      });
    const call = ++calls;
    const exchange = exchanges[call - 1];
    if (!drift) {
      const detail = exchange
        ? compareRequest(request, exchange.request, expected[call - 1] ?? [])
        : `the agent made call #${call}, the recording ends after ${exchanges.length}`;
      if (detail) drift = { call, recordedCalls: exchanges.length, detail };
    }
    if (drift || !exchange) {
      const message = `replay drift at call #${drift?.call}: ${drift?.detail}`;
      return sendJson(res, 400, { error: { message, type: "invalid_request_error", code: "replay_drift" } });
    }
    served++;
    return sendJson(res, 200, {
      id: `replay-${call}`,
      object: "chat.completion",
      created: 0,
      model: exchange.request.model,
      choices: [
        {
          index: 0,
          finish_reason: exchange.reply.finish_reason,
          message: { role: "assistant", content: null, ...exchange.reply.message },
        },
      ],
      ...(exchange.reply.usage ? { usage: exchange.reply.usage } : {}),
    });
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    served: () => served,
    drift: () => drift,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
