import type { CallModel } from "../agent/chat-types.js";
import type { ModelExchange } from "../types.js";
import { commonPrefix, hashMessage, hashTools } from "./message-hash.js";

/**
 * Wrap a cell's model client so every successful call lands in `exchanges`: enough of the request to
 * tell a replayed one apart, and the whole reply to answer it again. Failed attempts are not kept: a
 * replay answers every call at once, so retries never happen there.
 */
export function recordExchanges(callModel: CallModel, exchanges: ModelExchange[]): CallModel {
  let previous: string[] = [];
  return async (request, signal) => {
    const reply = await callModel(request, signal);
    const hashes = request.messages.map(hashMessage);
    const prefix = commonPrefix(previous, hashes);
    previous = hashes;
    const usage = reply.usage;
    exchanges.push({
      request: {
        model: request.model,
        tools_hash: hashTools(request.tools),
        prefix,
        message_hashes: hashes.slice(prefix),
      },
      reply: {
        message: JSON.parse(JSON.stringify(reply.message)) as Record<string, unknown>,
        finish_reason: reply.finishReason,
        usage: usage
          ? {
              prompt_tokens: usage.promptTokens,
              completion_tokens: usage.completionTokens,
              total_tokens: usage.totalTokens,
            }
          : null,
      },
    });
    return reply;
  };
}
