import { CUSTOM_TOOL_PARAMETER } from "./responses-to-chat.js";

/** Chat-completions stream chunks → the Responses API's SSE events (what codex reads). Pure: no I/O. */

type Bag = Record<string, unknown>;
/** One Responses stream event; `sequence_number` is added on the way out. */
export type ResponsesEvent = Bag & { type: string };

export interface ResponsesTranslatorOptions {
  model: string;
  /** Names of freeform tools: their calls become custom_tool_call items. */
  customTools: Set<string>;
  /** Fields of the request echoed in the response object (tools, tool_choice, instructions …). */
  echo?: Bag;
  /** Id factory, injectable so tests are deterministic. */
  newId?: (prefix: string) => string;
  /** Seconds since the epoch. */
  createdAt?: number;
}

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

export interface ResponsesTranslator {
  /** response.created and response.in_progress. */
  start(): ResponsesEvent[];
  /** One chat chunk (or a whole chat completion); returns the events it produces. */
  push(chunk: unknown): ResponsesEvent[];
  /** Close open items and end with response.completed. */
  finish(): ResponsesEvent[];
  /** The response object as it stands (final after finish()). */
  response(): Bag;
}

const asBag = (value: unknown): Bag | null =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Bag) : null;

let counter = 0;
function defaultId(prefix: string): string {
  counter = (counter + 1) % 1e9;
  return `${prefix}_${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Text streams live (output_item.added → content_part.added → output_text.delta …); tool calls are
 * gathered by index and sent whole when the stream ends, because a freeform tool's input can only be
 * taken out of its JSON arguments once they are complete.
 */
export function createResponsesTranslator(options: ResponsesTranslatorOptions): ResponsesTranslator {
  const newId = options.newId ?? defaultId;
  const output: Bag[] = [];
  const calls: PendingCall[] = [];
  let text: { itemId: string; outputIndex: number; text: string } | null = null;
  let finishReason: string | null = null;
  let usage: Bag | null = null;
  const response: Bag = {
    id: newId("resp"),
    object: "response",
    created_at: options.createdAt ?? Math.floor(Date.now() / 1000),
    status: "in_progress",
    model: options.model,
    output,
    error: null,
    incomplete_details: null,
    parallel_tool_calls: true,
    tool_choice: "auto",
    tools: [],
    ...options.echo,
  };
  const snapshot = () => ({ ...response, output: [...output] });

  const closeText = (): ResponsesEvent[] => {
    if (!text) return [];
    const { itemId, outputIndex } = text;
    const part = { type: "output_text", text: text.text, annotations: [], logprobs: [] };
    const item = { id: itemId, type: "message", status: "completed", role: "assistant", content: [part] };
    output[outputIndex] = item;
    text = null;
    const at = { item_id: itemId, output_index: outputIndex, content_index: 0 };
    return [
      { type: "response.output_text.done", ...at, text: part.text, logprobs: [] },
      { type: "response.content_part.done", ...at, part },
      { type: "response.output_item.done", output_index: outputIndex, item },
    ];
  };

  const addText = (delta: string): ResponsesEvent[] => {
    const events: ResponsesEvent[] = [];
    if (!text) {
      text = { itemId: newId("msg"), outputIndex: output.length, text: "" };
      const item = {
        id: text.itemId,
        type: "message",
        status: "in_progress",
        role: "assistant",
        content: [],
      };
      output.push(item);
      events.push(
        { type: "response.output_item.added", output_index: text.outputIndex, item },
        {
          type: "response.content_part.added",
          item_id: text.itemId,
          output_index: text.outputIndex,
          content_index: 0,
          part: { type: "output_text", text: "", annotations: [], logprobs: [] },
        },
      );
    }
    text.text += delta;
    events.push({
      type: "response.output_text.delta",
      item_id: text.itemId,
      output_index: text.outputIndex,
      content_index: 0,
      delta,
      logprobs: [],
    });
    return events;
  };

  const sendCall = (call: PendingCall): ResponsesEvent[] => {
    const outputIndex = output.length;
    const callId = call.id || newId("call");
    if (options.customTools.has(call.name)) {
      const input = customInput(call.arguments);
      const id = newId("ctc");
      const item = {
        id,
        type: "custom_tool_call",
        status: "completed",
        call_id: callId,
        name: call.name,
        input,
      };
      output.push(item);
      return [
        {
          type: "response.output_item.added",
          output_index: outputIndex,
          item: { ...item, input: "", status: "in_progress" },
        },
        {
          type: "response.custom_tool_call_input.delta",
          item_id: id,
          output_index: outputIndex,
          delta: input,
        },
        { type: "response.custom_tool_call_input.done", item_id: id, output_index: outputIndex, input },
        { type: "response.output_item.done", output_index: outputIndex, item },
      ];
    }
    const args = call.arguments || "{}";
    const id = newId("fc");
    const item = {
      id,
      type: "function_call",
      status: "completed",
      call_id: callId,
      name: call.name,
      arguments: args,
    };
    output.push(item);
    return [
      {
        type: "response.output_item.added",
        output_index: outputIndex,
        item: { ...item, arguments: "", status: "in_progress" },
      },
      { type: "response.function_call_arguments.delta", item_id: id, output_index: outputIndex, delta: args },
      {
        type: "response.function_call_arguments.done",
        item_id: id,
        output_index: outputIndex,
        name: call.name,
        arguments: args,
      },
      { type: "response.output_item.done", output_index: outputIndex, item },
    ];
  };

  return {
    start: () => [
      { type: "response.created", response: snapshot() },
      { type: "response.in_progress", response: snapshot() },
    ],
    push(value) {
      const chunk = asBag(value);
      if (!chunk) return [];
      if (asBag(chunk.usage)) usage = chunk.usage as Bag;
      const choice = asBag(Array.isArray(chunk.choices) ? chunk.choices[0] : null);
      if (!choice) return [];
      if (typeof choice.finish_reason === "string") finishReason = choice.finish_reason;
      // A whole completion (an upstream that ignored stream: true) reads like one big delta.
      const delta = asBag(choice.delta) ?? asBag(choice.message);
      const events: ResponsesEvent[] = [];
      if (typeof delta?.content === "string" && delta.content !== "") events.push(...addText(delta.content));
      for (const raw of Array.isArray(delta?.tool_calls) ? delta.tool_calls : []) {
        const part = asBag(raw);
        if (!part) continue;
        const index = typeof part.index === "number" ? part.index : calls.length;
        const call = calls[index] ?? { id: "", name: "", arguments: "" };
        calls[index] = call;
        if (typeof part.id === "string" && !call.id) call.id = part.id;
        const fn = asBag(part.function);
        if (typeof fn?.name === "string") call.name += fn.name;
        if (typeof fn?.arguments === "string") call.arguments += fn.arguments;
        else if (fn?.arguments && typeof fn.arguments === "object")
          call.arguments += JSON.stringify(fn.arguments);
      }
      return events;
    },
    finish() {
      const events = closeText();
      for (const call of calls) if (call) events.push(...sendCall(call));
      response.status = finishReason === "length" ? "incomplete" : "completed";
      if (finishReason === "length") response.incomplete_details = { reason: "max_output_tokens" };
      if (usage) response.usage = translateUsage(usage);
      // Codex needs response.completed to end a turn, so a cut-off reply ends with it too (status incomplete).
      events.push({ type: "response.completed", response: snapshot() });
      return events;
    },
    response: snapshot,
  };
}

/** A freeform tool's raw input from the chat arguments; arguments that are not our JSON are the input. */
export function customInput(args: string): string {
  try {
    const parsed = asBag(JSON.parse(args));
    const input = parsed?.[CUSTOM_TOOL_PARAMETER];
    if (typeof input === "string") return input;
  } catch {
    // The model wrote the raw input (a patch) instead of JSON: take it as it is.
  }
  return args;
}

/** Chat usage → Responses usage (codex requires the details objects' fields when they are present). */
export function translateUsage(usage: Bag): Bag {
  const n = (value: unknown) => (typeof value === "number" ? value : 0);
  const input = n(usage.prompt_tokens);
  const outputTokens = n(usage.completion_tokens);
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: n(asBag(usage.prompt_tokens_details)?.cached_tokens) },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: n(asBag(usage.completion_tokens_details)?.reasoning_tokens) },
    total_tokens: typeof usage.total_tokens === "number" ? usage.total_tokens : input + outputTokens,
  };
}

/** Number the events and frame them as SSE (`event:` + `data:`), as the Responses API sends them. */
export function createSseWriter() {
  let sequence = 0;
  return (events: ResponsesEvent[]): string =>
    events
      .map((event) => {
        const numbered = { ...event, sequence_number: sequence++ };
        return `event: ${event.type}\ndata: ${JSON.stringify(numbered)}\n\n`;
      })
      .join("");
}
