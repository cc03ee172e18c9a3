import type { ChatMessage, ChatReply, ChatRequest } from "../chat-types.js";

type Encoder = { encode(text: string, addBos?: boolean, addPrecedingSpace?: boolean): number[] };
let encoder: Promise<Encoder> | null = null;

/**
 * Token counts for a reply that came without usage, from a real BPE tokenizer (LLaMA's SentencePiece
 * vocabulary, 0.7 MB; tiktoken's packages are 22–30 MB and would double the install). Loaded only when
 * an endpoint omits usage. Exact for LLaMA-2/Mistral-family models, an estimate for the rest: the cell
 * says so with tokens source "estimated".
 */
export function createTokenEstimator() {
  // Each message is counted once: the prompt grows every turn, but only its new messages are new work.
  const counted = new WeakMap<object, number>();
  const count = async (text: string) => {
    encoder ??= import("llama-tokenizer-js").then((m) => m.default as Encoder);
    return text ? (await encoder).encode(text, false, false).length : 0;
  };
  const countMessage = async (message: ChatMessage | ChatRequest["tools"][number]) => {
    const cached = counted.get(message);
    if (cached !== undefined) return cached;
    const tokens = await count(JSON.stringify(message));
    counted.set(message, tokens);
    return tokens;
  };
  return async (request: ChatRequest, reply: ChatReply): Promise<NonNullable<ChatReply["usage"]>> => {
    let promptTokens = 0;
    for (const item of [...request.messages, ...request.tools]) promptTokens += await countMessage(item);
    const completionTokens = await count(
      [
        reply.message.content ?? "",
        ...(reply.message.tool_calls ?? []).map((c) => JSON.stringify(c.function ?? {})),
      ].join("\n"),
    );
    return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
  };
}
