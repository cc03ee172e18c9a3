import type { TraceRecorder } from "../../trace-recorder.js";
import type { AgentOutcome, RunListener } from "../../types.js";
import { createTokenEstimator } from "../builtin/estimate-tokens.js";
import type { ChatReply, ChatRequest } from "../chat-types.js";
import { classifyEndpointError, type EndpointFault } from "../endpoint/classify-error.js";
import { createAttemptRecorder } from "../endpoint/record-attempts.js";
import { type AttemptRecord, describeRetryStop, type RetryResult } from "../endpoint/retry.js";

export type ProxyOutcome = Pick<
  AgentOutcome,
  "usage" | "tokensSource" | "modelCallMs" | "backoffMs" | "successfulCalls" | "endpointFailure"
>;

type Usage = NonNullable<ChatReply["usage"]>;

/** What one upstream attempt brought back, as far as the meter cares. */
export interface MeteredReply {
  status: number;
  usage: Usage | null;
  finishReason: string | null;
  /** ms from sending the request to the first byte of the reply. */
  firstByteMs: number | null;
  /** The reply text and tool calls, for the token estimate when usage is missing. */
  content: string;
  toolCalls: { function: { name: string; arguments: string } }[];
  /** Set when the reply broke after bytes had reached the TUI (too late to retry). */
  broken: unknown;
}

/** One TUI request as the meter sees it: hooks for withRetry, and `finish` once it is over. */
export interface RequestMeter {
  startAttempt(attempt: number): void;
  onAttempt(attempt: AttemptRecord): void;
  onWait(waitMs: number, attempt: AttemptRecord): void;
  finish(result: RetryResult<MeteredReply>): Promise<void>;
}

export interface CallMeter {
  begin(info: {
    path: string;
    requestHash: string;
    request: Pick<ChatRequest, "messages" | "tools">;
  }): RequestMeter;
  outcome(): ProxyOutcome;
}

/**
 * Records what the builtin agent's model turns record, for requests a TUI made: a model_call span and a
 * model-calls row per upstream attempt, a retry_wait span per backoff, the same RunEvents, and the usage.
 */
export function createCallMeter(context: {
  cellId: string;
  trace: TraceRecorder;
  emit: RunListener;
  budget: { waitedMs: number };
}): CallMeter {
  const { cellId, trace, emit } = context;
  const usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0, modelCalls: 0 };
  // Each request's recorder sums its attempts' latencies; the outcome adds them up when asked.
  const recorders: { modelCallMs(): number }[] = [];
  let successfulCalls = 0;
  let callsEstimated = 0;
  let endpointFailure: ProxyOutcome["endpointFailure"];
  let turns = 0;

  return {
    begin({ path, requestHash, request }) {
      const turn = ++turns;
      const recorder = createAttemptRecorder<MeteredReply>({
        trace,
        emit,
        cellId,
        turn,
        requestHash,
        label: "proxy",
        extraAttrs: (attempt, reply) => ({
          path,
          outcome: reply?.broken ? "broken_stream" : attempt.outcome,
          first_byte_ms: reply?.firstByteMs ?? null,
        }),
      });
      recorders.push(recorder);
      return {
        startAttempt: recorder.startAttempt,
        onAttempt: recorder.onAttempt,
        onWait: recorder.onWait,
        async finish(result) {
          if (!result.ok) {
            if (result.stop !== "aborted") {
              endpointFailure = { ...pick(result.fault), message: describeRetryStop(result) };
            }
            return;
          }
          const reply = result.value;
          recorder.recordSuccess(reply);
          if (reply.broken) {
            // Bytes had reached the TUI, so no retry: the TUI sees the cut and may ask again itself.
            const fault = classifyEndpointError(reply.broken);
            endpointFailure = { ...pick(fault), message: `The reply stream broke: ${fault.message}` };
            return;
          }
          successfulCalls++;
          usage.modelCalls++;
          let counted = reply.usage;
          if (!counted) {
            // No usage in the reply: count with the tokenizer and say so (tokens source "estimated").
            callsEstimated++;
            counted = await createTokenEstimator()(
              { model: "", messages: request.messages ?? [], tools: request.tools ?? [] },
              {
                message: { content: reply.content, tool_calls: reply.toolCalls },
                finishReason: reply.finishReason,
                usage: null,
                status: reply.status,
                requestId: null,
              },
            );
          }
          usage.promptTokens += counted.promptTokens;
          usage.completionTokens += counted.completionTokens;
          usage.totalTokens += counted.totalTokens;
        },
      };
    },
    outcome() {
      let tokensSource: ProxyOutcome["tokensSource"] = "not recorded";
      if (callsEstimated > 0) tokensSource = "estimated";
      else if (successfulCalls > 0) tokensSource = "proxy";
      return {
        usage: { ...usage },
        tokensSource,
        modelCallMs: recorders.reduce((sum, recorder) => sum + recorder.modelCallMs(), 0),
        backoffMs: context.budget.waitedMs,
        successfulCalls,
        ...(endpointFailure ? { endpointFailure: { ...endpointFailure } } : {}),
      };
    },
  };
}

function pick(fault: EndpointFault) {
  return { faultClass: fault.faultClass, kind: fault.kind, status: fault.status };
}
