import type OpenAI from "openai";
import type { CallModel, ChatReply, RawToolCall } from "../chat-types.js";
import { readUsage } from "./read-usage.js";

/** Fields of a reply message that are output-only and never replayed. */
const OUTPUT_ONLY_FIELDS = new Set(["refusal", "annotations", "audio", "role"]);

/**
 * A CallModel over a real client. Non-streaming by default: tool turns stream badly on several servers
 * (Ollama drops calls, vLLM/llama.cpp mangle arguments) and usage comes back whole.
 */
export function createCallModel(client: OpenAI, options: { stream: boolean }): CallModel {
  return async (request, signal) => {
    // tool_choice only ever as the string "auto": LM Studio rejects the object form.
    const body = {
      model: request.model,
      messages: request.messages,
      ...(request.tools.length > 0 ? { tools: request.tools, tool_choice: "auto" } : {}),
    };
    if (!options.stream) {
      const { data, response } = await client.chat.completions
        // biome-ignore lint/suspicious/noExplicitAny: the loop's message types are a superset of the SDK's.
        .create(body as any, { signal })
        .withResponse();
      const choice = data.choices?.[0];
      const message = (choice?.message ?? { content: null }) as unknown as ChatReply["message"];
      return {
        message: keepReplayable(message),
        finishReason: choice?.finish_reason ?? null,
        usage: readUsage(data.usage),
        status: response.status,
        requestId: response.headers.get("x-request-id"),
      };
    }
    const { data: stream, response } = await client.chat.completions
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      .create({ ...body, stream: true, stream_options: { include_usage: true } } as any, { signal })
      .withResponse();
    return {
      ...(await accumulateStream(stream as unknown as AsyncIterable<StreamChunk>)),
      status: response.status,
      requestId: response.headers.get("x-request-id"),
    };
  };
}

interface StreamChunk {
  choices?: {
    delta?: Record<string, unknown> & { tool_calls?: StreamToolDelta[] };
    finish_reason?: string | null;
  }[];
  usage?: unknown;
}
interface StreamToolDelta {
  index?: number;
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null };
}

/** Fold SSE deltas into one message: text fields concatenate, tool calls merge by index. */
async function accumulateStream(
  stream: AsyncIterable<StreamChunk>,
): Promise<Omit<ChatReply, "status" | "requestId">> {
  const message: Record<string, unknown> = { content: null };
  const calls: RawToolCall[] = [];
  let finishReason: string | null = null;
  let usage: ChatReply["usage"] = null;
  for await (const chunk of stream) {
    if (chunk.usage) usage = readUsage(chunk.usage);
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    if (choice.finish_reason) finishReason = choice.finish_reason;
    for (const [key, value] of Object.entries(choice.delta ?? {})) {
      if (key === "tool_calls" || OUTPUT_ONLY_FIELDS.has(key) || typeof value !== "string") continue;
      message[key] = ((message[key] as string | null) ?? "") + value;
    }
    for (const delta of choice.delta?.tool_calls ?? []) {
      const index = delta.index ?? calls.length;
      const call = calls[index] ?? { id: null, function: { name: "", arguments: "" } };
      calls[index] = call;
      if (delta.id && !call.id) call.id = delta.id;
      if (delta.function?.name)
        call.function = { ...call.function, name: `${call.function?.name ?? ""}${delta.function.name}` };
      if (delta.function?.arguments) {
        call.function = {
          ...call.function,
          arguments: `${(call.function?.arguments as string) ?? ""}${delta.function.arguments}`,
        };
      }
    }
  }
  const toolCalls = calls.filter(Boolean);
  return {
    message: {
      ...message,
      content: (message.content as string | null) ?? null,
      ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
    },
    finishReason,
    usage,
  };
}

function keepReplayable(message: ChatReply["message"]): ChatReply["message"] {
  return Object.fromEntries(
    Object.entries(message).filter(
      ([key, value]) => !OUTPUT_ONLY_FIELDS.has(key) && value !== null && value !== undefined,
    ),
  ) as ChatReply["message"];
}
