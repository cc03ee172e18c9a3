import { createHash } from "node:crypto";
import type { AgentOutcome } from "../../types.js";
import type { AssistantMessage, CallModel, ChatMessage, ChatReply } from "../chat-types.js";
import { type AttemptRecord, describeRetryStop, type RetryBudget, withRetry } from "../endpoint/retry.js";
import type { TuiContext } from "../tui.js";
import { executeTool, type ToolContext } from "./execute-tool.js";
import { normalizeToolCalls } from "./normalize-tool-calls.js";
import { SYSTEM_PROMPT } from "./prompt.js";
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

/** The built-in agent: chat, execute the tool calls in order, repeat until finish or a limit. */
export async function runBuiltinAgent(options: RunBuiltinAgentOptions): Promise<AgentOutcome> {
  const { cellId, trace, emit } = options;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  const budget: RetryBudget = { waitedMs: 0 };
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
  };
  const stoppedBySignal = (): AgentOutcome["stop"] => (timeout.aborted ? "timeout" : "interrupted");
  let malformedStreak = 0;
  let nudges = 0;
  let callsWithUsage = 0;

  for (let turn = 1; turn <= options.maxTurns; turn++) {
    if (signal.aborted) {
      outcome.stop = stoppedBySignal();
      break;
    }
    const request = { model: options.model, messages, tools: TOOL_SCHEMAS };
    const requestHash = createHash("sha256").update(JSON.stringify(request)).digest("hex").slice(0, 16);
    const attemptStarts = new Map<number, number>();
    const recordAttempt = (record: AttemptRecord, reply?: ChatReply) => {
      outcome.modelCallMs += record.durationMs;
      trace.add({
        kind: "model_call",
        name: `model_call:turn${turn}#${record.attempt}`,
        start_ms: attemptStarts.get(record.attempt) ?? trace.now() - record.durationMs,
        end_ms: (attemptStarts.get(record.attempt) ?? trace.now()) + record.durationMs,
        attrs: {
          turn,
          attempt: record.attempt,
          status: reply?.status ?? record.status,
          outcome: record.outcome,
          message: record.message,
          request_hash: requestHash,
        },
      });
      trace.addModelCall({
        timestamp: record.startedAt,
        request_hash: requestHash,
        prompt_tokens: reply?.usage?.promptTokens ?? null,
        completion_tokens: reply?.usage?.completionTokens ?? null,
        latency_ms: Math.round(record.durationMs),
        finish_reason: reply?.finishReason ?? null,
        status: reply?.status ?? record.status,
        attempt: record.attempt,
      });
      emit({
        type: "model_call_end",
        cellId,
        turn,
        latencyMs: record.durationMs,
        status: reply?.status ?? record.status,
      });
    };
    let successRecord: AttemptRecord | null = null;
    const result = await withRetry(
      (attempt) => {
        attemptStarts.set(attempt, trace.now());
        return options.callModel(request, signal);
      },
      {
        policy: options.retryPolicy,
        budget,
        signal,
        onAttempt: (record) => {
          if (record.outcome === "ok") successRecord = record;
          else recordAttempt(record);
        },
        onWait: (waitMs, record) => {
          trace.add({
            kind: "retry_wait",
            name: `retry_wait:${record.status ?? record.kind}`,
            start_ms: trace.now(),
            end_ms: trace.now() + waitMs,
            attrs: {
              wait_ms: waitMs,
              status: record.status,
              retry_after: record.retryAfterRaw,
              source: record.delaySource,
            },
          });
          emit({
            type: "retry_wait",
            cellId,
            waitMs,
            status: record.status,
            reason: record.message ?? record.kind ?? "retry",
          });
        },
      },
    );
    outcome.backoffMs = budget.waitedMs;
    if (!result.ok) {
      if (result.stop === "aborted") {
        outcome.stop = stoppedBySignal();
      } else {
        outcome.stop = "endpoint_error";
        outcome.endpointFailure = {
          faultClass: result.fault.faultClass,
          kind: result.fault.kind,
          status: result.fault.status,
          message: describeRetryStop(result),
        };
      }
      break;
    }
    const reply = result.value;
    if (successRecord) recordAttempt(successRecord, reply);
    outcome.successfulCalls++;
    outcome.usage.modelCalls++;
    if (reply.usage) {
      callsWithUsage++;
      outcome.usage.promptTokens += reply.usage.promptTokens;
      outcome.usage.completionTokens += reply.usage.completionTokens;
      outcome.usage.totalTokens += reply.usage.totalTokens;
    }

    const calls = normalizeToolCalls(reply.message.tool_calls ?? []);
    const { tool_calls: _raw, ...rest } = reply.message;
    const assistant: AssistantMessage = {
      ...rest,
      role: "assistant",
      content: reply.message.content ?? null,
    };
    if (calls.length > 0) assistant.tool_calls = calls.map((c) => c.call);
    messages.push(assistant);
    if (typeof reply.message.content === "string" && reply.message.content.trim()) {
      outcome.finalMessage = reply.message.content;
    }

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

    for (const call of calls) {
      // Every call gets its answer, even after finish: strict servers reject unanswered tool calls.
      const answer = await trace.time(
        "tool_call",
        `tool:${call.name || "?"}`,
        { tool: call.name, arguments: call.call.function.arguments.slice(0, 500) },
        async () => executeTool(call, { ...options.tools, signal }),
      );
      messages.push({ role: "tool", tool_call_id: call.call.id, content: answer.text });
      emit({ type: "tool_call_end", cellId, tool: call.name, ok: answer.ok });
      malformedStreak = answer.malformed ? malformedStreak + 1 : 0;
      if (answer.finished !== null) {
        outcome.stop = "finished";
        outcome.finalMessage = answer.finished;
      }
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
  if (callsWithUsage > 0) outcome.tokensSource = "endpoint usage";
  return outcome;
}
