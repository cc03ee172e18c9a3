import { classifyEndpointError, type EndpointFault } from "../agent/endpoint/classify-error.js";
import { retryDelayFromHeaders } from "../agent/endpoint/rate-limit-headers.js";
import { type ProbeContext, type ProbeId, type ProbeResult, probeResult } from "./types.js";

/** One request's outcome: the parsed body and status, or the classified failure; ms either way. */
export type Attempt<T> =
  | { ok: true; data: T; status: number; headers: Headers; ms: number }
  | { ok: false; fault: EndpointFault; ms: number };

/**
 * One request, one attempt, under the probe timeout (which covers a whole stream when `send` reads it).
 * Every response's headers, failed ones included, are kept for the rate-limit probe.
 */
export async function attempt<T>(
  ctx: ProbeContext,
  send: (signal: AbortSignal) => Promise<{ data: T; response: Response }>,
): Promise<Attempt<T>> {
  const signal = AbortSignal.timeout(ctx.timeoutMs);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const { data, response } = await send(signal);
    ctx.seenHeaders.push(response.headers);
    return { ok: true, data, status: response.status, headers: response.headers, ms: elapsed() };
  } catch (error) {
    // Our own timeout surfaces as an abort; say what it was.
    const fault = signal.aborted ? timeoutFault(ctx.timeoutMs) : classifyEndpointError(error);
    if (fault.headers) ctx.seenHeaders.push(fault.headers);
    return { ok: false, fault, ms: elapsed() };
  }
}

function timeoutFault(timeoutMs: number): EndpointFault {
  return {
    faultClass: "infra",
    kind: "timeout",
    status: null,
    retryable: true,
    message: `No answer within ${timeoutMs / 1000} s.`,
    headers: null,
    requestId: null,
  };
}

// classifyEndpointError ends some messages with advice; the checklist puts advice on its own hint line.
const CLASSIFIER_ADVICE =
  / (?:Check --key|Check that this key|Check --model|Check --endpoint|Enable tool calling)\b[\s\S]*$/;

/** The classified message without the classifier's trailing advice. */
export function faultDetail(fault: EndpointFault): string {
  return fault.message.replace(CLASSIFIER_ADVICE, "");
}

export const UNREACHABLE_HINT = "is the server running? check --endpoint";

/** The generic advice for a failure; probes pass their own where they know better. */
function hintFor(ctx: ProbeContext, fault: EndpointFault): string | undefined {
  switch (fault.kind) {
    case "connection":
      return UNREACHABLE_HINT;
    case "timeout":
      return "a slow model or a busy server: raise --timeout, or check the server's load";
    case "unavailable":
      return "the server is overloaded or still loading the model: try again shortly";
    case "auth":
      return ctx.keyGiven
        ? "the key was refused: check --key (or CAB_KEY / OPENAI_API_KEY)"
        : "this endpoint needs a key: pass --key or set CAB_KEY (or OPENAI_API_KEY)";
    case "forbidden":
      return "the key was recognised but may not use this endpoint or model";
    case "model_not_found":
      return ctx.listedModels?.length
        ? `check --model; GET /models lists ${listSome(ctx.listedModels)}`
        : "check --model, and that --endpoint ends in /v1 (or the API's base path)";
    default:
      return undefined;
  }
}

/**
 * A failed request as a probe result. A 429 tested nothing, so it warns; refused keys, unreachable or
 * overloaded servers and timeouts are infrastructure failures (exit 3); anything else fails plainly.
 */
export function faultResult(
  ctx: ProbeContext,
  id: ProbeId,
  fault: EndpointFault,
  ms: number,
  hint?: string,
): ProbeResult {
  const detail = faultDetail(fault);
  if (fault.kind === "rate_limited") {
    const asked = retryDelayFromHeaders(fault.headers, Date.now());
    const wait = asked.source ? ` (the server asked for ${asked.source}: ${asked.raw})` : "";
    return probeResult(id, "warn", `not tested: ${detail}`, {
      ms,
      rateLimited: true,
      hint: `cab check waits and retries on 429${wait}`,
    });
  }
  const infra =
    fault.faultClass === "infra" ||
    fault.kind === "connection" ||
    fault.kind === "auth" ||
    fault.kind === "forbidden";
  const advice = hint ?? hintFor(ctx, fault);
  return probeResult(id, "fail", detail, {
    ms,
    ...(infra ? { infra } : {}),
    ...(advice ? { hint: advice } : {}),
  });
}

/** "a, b, c and 4 more". */
export function listSome(items: readonly string[], shown = 5): string {
  if (items.length <= shown) return items.join(", ");
  return `${items.slice(0, shown).join(", ")} and ${items.length - shown} more`;
}

/** A reply excerpt for a checklist line: one line, quoted, cut at `max` characters. */
export function quote(text: unknown, max = 60): string {
  const raw = typeof text === "string" ? text : JSON.stringify(text);
  const oneLine = (raw ?? "").replace(/\s+/g, " ").trim();
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine);
}
