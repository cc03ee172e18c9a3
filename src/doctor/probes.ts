import { type HeaderLike, pickRateLimitHeaders } from "../agent/endpoint/rate-limit-headers.js";
import { resolveSandbox } from "../exec/sandbox.js";
import { probeChat, probeStream, probeUsage } from "./probe-chat.js";
import { probeModelsRoute } from "./probe-models.js";
import { probeTools } from "./probe-tools.js";
import {
  type DoctorOptions,
  type ProbeContext,
  type ProbeId,
  type ProbeResult,
  probeResult,
} from "./types.js";

export { DEFAULT_PROBE_TIMEOUT_S, type DoctorOptions, type ProbeResult, type ProbeStatus } from "./types.js";

/**
 * Run the probes in order, one request each and no retries; a probe whose prerequisite failed is
 * skipped with the reason. `onResult` hears each result as it lands (the checklist prints live),
 * and then one line that is not an endpoint probe: the sandbox `cab check` gets on this machine.
 */
export async function runProbes(
  options: DoctorOptions,
  onResult?: (result: ProbeResult) => void,
): Promise<ProbeResult[]> {
  const ctx: ProbeContext = { ...options, seenHeaders: [], listedModels: null };
  const results: ProbeResult[] = [];
  const emit = (result: ProbeResult) => {
    results.push(result);
    onResult?.(result);
  };
  const skip = (ids: ProbeId[], reason: string) => {
    for (const id of ids) emit(probeResult(id, "skip", reason));
  };

  for (const result of await probeModelsRoute(ctx)) emit(result);
  const blocker = results.find((r) => r.status === "fail");
  const unreachable = "skipped: the endpoint is unreachable";
  if (blocker) {
    skip(
      ["chat", "tools", "usage", "stream"],
      blocker.id === "reach" ? unreachable : "skipped: the key was refused",
    );
  } else if (!ctx.model)
    skip(["chat", "tools", "usage", "stream"], "pass --model to test chat and tool calls");
  else {
    const chat = await probeChat(ctx);
    emit(chat.result);
    if (chat.result.status === "fail") skip(["tools", "usage", "stream"], "skipped: the chat call failed");
    else {
      const tools = await probeTools(ctx);
      emit(tools.result);
      emit(probeUsage(chat.completion ?? tools.completion));
      emit(await probeStream(ctx));
    }
  }
  if (results[0]?.status === "fail") skip(["rate_limits"], unreachable);
  else emit(probeRateLimits(ctx.seenHeaders));
  onResult?.(probeResult("sandbox", "info", (await resolveSandbox("auto")).detail));
  return results;
}

/** Probe 8: the rate-limit headers seen on any response; informational, so always ok. */
export function probeRateLimits(seen: readonly HeaderLike[]): ProbeResult {
  const picked: Record<string, string> = {};
  for (const headers of seen) Object.assign(picked, pickRateLimitHeaders(headers));
  delete picked["x-request-id"];
  const names = Object.keys(picked).sort();
  if (names.length === 0) {
    return probeResult("rate_limits", "ok", "none sent: on a 429 cab check backs off exponentially");
  }
  return probeResult("rate_limits", "ok", names.map((name) => `${name}: ${picked[name]}`).join(", "));
}

export type DoctorOutcome = "ready" | "warnings" | "failed" | "infra";

/** The overall verdict; `infra` (exit 3) when the first failure is the infrastructure's or every probe was rate-limited. */
export interface DoctorVerdict {
  outcome: DoctorOutcome;
  text: string;
}

const REQUEST_PROBES = new Set<ProbeId>(["models", "chat", "tools", "stream"]);

/** The verdict from the results: the first failure decides, warnings still pass. */
export function judgeProbes(results: readonly ProbeResult[]): DoctorVerdict {
  const failure = results.find((r) => r.status === "fail");
  if (failure) {
    return {
      outcome: failure.infra ? "infra" : "failed",
      text: `not usable: ${failure.title}: ${failure.detail}`,
    };
  }
  const tried = results.filter((r) => REQUEST_PROBES.has(r.id) && r.status !== "skip");
  if (tried.length > 0 && tried.every((r) => r.rateLimited)) {
    return { outcome: "infra", text: "not usable: every probe was rate-limited (HTTP 429); try again later" };
  }
  if (results.some((r) => r.status === "warn")) return { outcome: "warnings", text: "usable with warnings" };
  return { outcome: "ready", text: "ready for cab check" };
}
