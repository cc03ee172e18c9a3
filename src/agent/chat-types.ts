/** The slice of the chat-completions wire format the agent loop speaks. */

export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** An assistant message as replayed to the endpoint; unknown fields (e.g. reasoning_content) ride along. */
export interface AssistantMessage {
  role: "assistant";
  content: string | null;
  tool_calls?: ToolCall[];
  [extra: string]: unknown;
}

export type ChatMessage =
  | { role: "system" | "user"; content: string }
  | AssistantMessage
  | { role: "tool"; tool_call_id: string; content: string };

export interface ToolSchema {
  type: "function";
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Empty under the text protocol: then neither tools nor tool_choice is sent. */
  tools: ToolSchema[];
}

/** A tool call as the endpoint sent it: ids may be missing, arguments may be an object. */
export interface RawToolCall {
  id?: string | null;
  function?: { name?: string | null; arguments?: unknown };
}

export interface ChatReply {
  message: { content: string | null; tool_calls?: RawToolCall[] | null; [extra: string]: unknown };
  finishReason: string | null;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
  status: number;
  requestId: string | null;
}

/** One model call; throws the endpoint's error (classified by the retry module). */
export type CallModel = (request: ChatRequest, signal: AbortSignal) => Promise<ChatReply>;
