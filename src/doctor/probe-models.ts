import { type Attempt, attempt, faultDetail, faultResult, listSome, UNREACHABLE_HINT } from "./attempt.js";
import { type ProbeContext, type ProbeResult, probeResult } from "./types.js";

/**
 * Probes 1–3 from one GET {base}/models: did anything answer (reachable), was the key accepted (auth),
 * and is --model among the listed ids (models). Auth and models are skipped when the server is unreachable.
 */
export async function probeModelsRoute(ctx: ProbeContext): Promise<ProbeResult[]> {
  const got = await attempt(ctx, (signal) => ctx.client.get<unknown>("/models", { signal }).withResponse());
  const answered = got.ok || got.fault.status !== null || got.fault.kind === "unknown";
  if (!answered) {
    const reach = faultResult(ctx, "reach", got.fault, got.ms, UNREACHABLE_HINT);
    const reason = "skipped: the endpoint is unreachable";
    return [reach, probeResult("auth", "skip", reason), probeResult("models", "skip", reason)];
  }
  const status = got.ok ? got.status : got.fault.status;
  const reach = probeResult(
    "reach",
    "ok",
    `${status === null ? "answered" : `HTTP ${status} from`} GET /models in ${got.ms} ms`,
    { ms: got.ms },
  );
  const auth = judgeAuth(ctx, got);
  if (auth.status === "fail") {
    return [reach, auth, probeResult("models", "skip", "skipped: the key was refused")];
  }
  return [reach, auth, judgeModelList(ctx, got)];
}

function judgeAuth(ctx: ProbeContext, got: Attempt<unknown>): ProbeResult {
  if (got.ok) {
    return probeResult("auth", "ok", ctx.keyGiven ? "key accepted by GET /models" : "no key needed");
  }
  if (got.fault.kind === "auth" || got.fault.kind === "forbidden") {
    return faultResult(ctx, "auth", got.fault, got.ms);
  }
  const answer = got.fault.status === null ? "an unreadable answer" : `HTTP ${got.fault.status}`;
  const next = ctx.model ? "; the chat call below uses the key" : "";
  return probeResult("auth", "skip", `not checked: GET /models gave ${answer}${next}`);
}

function judgeModelList(ctx: ProbeContext, got: Attempt<unknown>): ProbeResult {
  if (!got.ok) {
    if (got.fault.kind === "rate_limited") return faultResult(ctx, "models", got.fault, got.ms);
    if (got.fault.status === 404) {
      return probeResult(
        "models",
        "warn",
        "the server has no GET /models (HTTP 404); the model id is not checked",
        {
          hint: "some servers do not list models; the chat call tests the id directly",
        },
      );
    }
    return probeResult("models", "warn", `GET /models failed: ${faultDetail(got.fault)}`);
  }
  const ids = modelIds(got.data);
  if (ids === null) {
    const type = got.headers.get("content-type") ?? "no content type";
    return probeResult("models", "warn", `GET /models did not return a model list (${type})`, {
      hint: "does --endpoint point at the API? It usually ends in /v1",
    });
  }
  ctx.listedModels = ids;
  const count = `${ids.length} model${ids.length === 1 ? "" : "s"}`;
  if (ids.length === 0) return probeResult("models", "warn", "the server lists no models");
  if (!ctx.model) return probeResult("models", "ok", `${count} listed: ${listSome(ids)}`);
  if (ids.includes(ctx.model)) return probeResult("models", "ok", `${ctx.model} is listed (${count})`);
  // Ollama lists "name:latest" and serves it as "name" too.
  if (ids.includes(`${ctx.model}:latest`)) {
    return probeResult("models", "ok", `${ctx.model} is listed as ${ctx.model}:latest (${count})`);
  }
  return probeResult("models", "warn", `${ctx.model} is not among the ${count} listed: ${listSome(ids)}`, {
    hint: "check --model for typos; some servers (gateways, aliases) serve models they do not list",
  });
}

/** The ids of an OpenAI-style `{ data: [{ id }] }` list, or null when the body is something else. */
function modelIds(body: unknown): string[] | null {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return null;
  return data
    .map((entry) => (entry as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === "string");
}
