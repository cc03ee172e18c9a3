import type { AgentOutcome } from "../../types.js";
import type { AssistantMessage, CallModel, ChatMessage, ChatRequest, RawToolCall } from "../chat-types.js";
import { describeRetryStop, type RetryBudget } from "../endpoint/retry.js";
import type { TuiContext } from "../tui.js";
import { createTokenEstimator } from "./estimate-tokens.js";
import { executeTool, type ToolAnswer, type ToolContext } from "./execute-tool.js";
import { requestModelTurn } from "./model-turn.js";
import { type NormalizedCall, normalizeToolCalls } from "./normalize-tool-calls.js";
import { SYSTEM_PROMPT } from "./prompt.js";
import { parseTextToolCalls, TEXT_PROTOCOL_INSTRUCTIONS } from "./text-tool-calls.js";
import { TOOL_SCHEMAS } from "./tool-schemas.js";

/** Malformed tool calls in a row that end the run (SPEC §3). */
export const MAX_MALFORMED_STREAK = 3;
/** Replies without tool calls that get a nudge before the run ends. */
const MAX_NUDGES = 1;
const NUDGE = "Continue with the tools. Call finish when the task is done.";

export interface RunBuiltinAgentOptions
  extends Pick<
    TuiContext,
    "cellId" | "model" | "maxTurns" | "timeoutMs" | "retryPolicy" | "signal" | "trace" | "emit"
  > {
  callModel: CallModel;
  taskMessage: string;
  tools: Omit<ToolContext, "signal">;
}

/**
 * The built-in agent: chat, execute the tool calls in order, repeat until finish or a limit.
 * Tool calls come from `tool_calls`, or, when a server leaks them into the text, from the text; an
 * endpoint that rejects `tools` before the first reply switches the cell to the text protocol.
 */
export async function runBuiltinAgent(options: RunBuiltinAgentOptions): Promise<AgentOutcome> {
  const { cellId, trace, emit } = options;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  const budget: RetryBudget = { waitedMs: 0 };
  const turnContext = { ...options, budget, signal };
  const messages: ChatMessage[] = [
    { role: "system", content: SYSTEM_PROMPT },
    { role: "user", content: options.taskMessage },
  ];
  const outcome: AgentOutcome = {
    stop: "max_turns",
    finalMessage: "",
    usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, modelCalls: 0 },
    tokensSource: "not recorded",
    modelCallMs: 0,
    backoffMs: 0,
    successfulCalls: 0,
    protocol: "tools",
    textToolCalls: 0,
  };
  const stoppedBySignal = (): AgentOutcome["stop"] => (timeout.aborted ? "timeout" : "interrupted");
  let malformedStreak = 0;
  let nudges = 0;
  let callsWithUsage = 0;
  let callsEstimated = 0;
  const estimateTokens = createTokenEstimator();
  let toolUseRetried = false;

  for (let turn = 1; turn <= options.maxTurns; turn++) {
    if (signal.aborted) {
      outcome.stop = stoppedBySignal();
      break;
    }
    const request: ChatRequest = {
      model: options.model,
      messages,
      tools: outcome.protocol === "tools" ? TOOL_SCHEMAS : [],
    };
    const { result, modelCallMs } = await requestModelTurn(turnContext, request, turn);
    outcome.modelCallMs += modelCallMs;
    outcome.backoffMs = budget.waitedMs;
    if (!result.ok) {
      const { fault } = result;
      if (fault.kind === "no_tool_support" && outcome.protocol === "tools" && outcome.successfulCalls === 0) {
        // The endpoint refuses tool definitions: describe the tools in the prompt instead (SPEC §3).
        outcome.protocol = "text";
        messages[0] = { role: "system", content: `${SYSTEM_PROMPT}\n\n${TEXT_PROTOCOL_INSTRUCTIONS}` };
        turn--;
        continue;
      }
      if (fault.kind === "tool_use_failed" && !toolUseRetried) {
        // The server rejected the model's malformed call (Groq): one more try, then it counts against the model.
        toolUseRetried = true;
        turn--;
        continue;
      }
      if (result.stop === "aborted") outcome.stop = stoppedBySignal();
      else {
        outcome.stop = "endpoint_error";
        outcome.endpointFailure = {
          faultClass: fault.faultClass,
          kind: fault.kind,
          status: fault.status,
          message: describeRetryStop(result),
        };
      }
      break;
    }
    const reply = result.value;
    outcome.successfulCalls++;
    outcome.usage.modelCalls++;
    // Usage as the endpoint reports it; when it does not, counted with a tokenizer and labelled so.
    const usage = reply.usage ?? (await estimateTokens(request, reply));
    if (reply.usage) callsWithUsage++;
    else callsEstimated++;
    outcome.usage.promptTokens += usage.promptTokens;
    outcome.usage.completionTokens += usage.completionTokens;
    outcome.usage.totalTokens += usage.totalTokens;
    const content = typeof reply.message.content === "string" ? reply.message.content : "";
    if (content.trim()) outcome.finalMessage = content;

    let raw: RawToolCall[] = reply.message.tool_calls ?? [];
    const fromText = raw.length === 0 && content !== "";
    if (fromText) raw = parseTextToolCalls(content, { bashFences: outcome.protocol === "text" });
    if (fromText) outcome.textToolCalls = (outcome.textToolCalls ?? 0) + raw.length;
    const calls = normalizeToolCalls(raw);
    const { tool_calls: _sent, ...rest } = reply.message;
    const assistant: AssistantMessage = {
      ...rest,
      role: "assistant",
      content: reply.message.content ?? null,
    };
    // Calls parsed from text stay text in the history: the model wrote no tool_calls, so none are replayed.
    if (calls.length > 0 && !fromText) assistant.tool_calls = calls.map((c) => c.call);
    messages.push(assistant);

    if (calls.length === 0) {
      if (reply.finishReason === "length") {
        outcome.stop = "length";
        break;
      }
      if (nudges >= MAX_NUDGES) {
        outcome.stop = "no_tool_calls";
        break;
      }
      nudges++;
      messages.push({ role: "user", content: NUDGE });
      continue;
    }

    const answers: { call: NormalizedCall; answer: ToolAnswer }[] = [];
    for (const call of calls) {
      // Every call gets its answer, even after finish: strict servers reject unanswered tool calls.
      const answer = await trace.time(
        "tool_call",
        `tool:${call.name || "?"}`,
        { tool: call.name, arguments: call.call.function.arguments.slice(0, 500), from_text: fromText },
        async () => executeTool(call, { ...options.tools, signal }),
      );
      answers.push({ call, answer });
      emit({ type: "tool_call_end", cellId, tool: call.name, ok: answer.ok });
      malformedStreak = answer.malformed ? malformedStreak + 1 : 0;
      if (answer.finished !== null) {
        outcome.stop = "finished";
        outcome.finalMessage = answer.finished;
      }
    }
    if (fromText) {
      messages.push({
        role: "user",
        content: answers
          .map(({ call, answer }) => `Result of ${call.name || "?"}:\n${answer.text}`)
          .join("\n\n"),
      });
    } else {
      for (const { call, answer } of answers)
        messages.push({ role: "tool", tool_call_id: call.call.id, content: answer.text });
    }
    if (outcome.stop === "finished") break;
    if (malformedStreak >= MAX_MALFORMED_STREAK) {
      outcome.stop = "malformed_tool_calls";
      break;
    }
    if (reply.finishReason === "length") {
      outcome.stop = "length";
      break;
    }
  }
  if (callsEstimated > 0) outcome.tokensSource = "estimated";
  else if (callsWithUsage > 0) outcome.tokensSource = "endpoint usage";
  return outcome;
}
