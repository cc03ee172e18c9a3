import { getHeader, type HeaderLike, shouldRetryHeader } from "./rate-limit-headers.js";

/** Whose problem a failed call is: the infrastructure, the user's configuration, the model, or nobody's (aborted). */
export type FaultClass = "infra" | "config" | "context_overflow" | "capability" | "aborted" | "unknown";

/** A failed endpoint call, classified for the retry loop and for the user. */
export interface EndpointFault {
  faultClass: FaultClass;
  kind:
    | "rate_limited"
    | "unavailable"
    | "timeout"
    | "connection"
    | "auth"
    | "forbidden"
    | "model_not_found"
    | "no_tool_support"
    | "bad_request"
    | "context_overflow"
    | "tool_use_failed"
    | "aborted"
    | "unknown";
  status: number | null;
  /** After applying x-should-retry. */
  retryable: boolean;
  /** One plain sentence a user can act on, quoting the server's own message. */
  message: string;
  headers: HeaderLike | null;
  requestId: string | null;
}

type Kind = EndpointFault["kind"];
type Verdict = Pick<EndpointFault, "faultClass" | "kind" | "retryable"> & { prefix: string; hint?: string };

const verdict = (faultClass: FaultClass, kind: Kind, retryable: boolean, prefix: string, hint?: string) =>
  ({ faultClass, kind, retryable, prefix, hint }) satisfies Verdict;

const MAX_SERVER_MESSAGE = 300;
const RETRYABLE_STATUS = new Set([408, 409, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524, 529]);
const CONTEXT_OVERFLOW =
  /maximum context length|context (length|size|window)|too many tokens|exceeds? the (available )?context/i;
const NO_TOOLS_404 = /no endpoints found that support (tool use|the provided 'tool_choice')/i;
const NO_TOOLS_400 = /"auto" tool choice requires --enable-auto-tool-choice|does not support tools/i;
const NO_TOOLS_500 = /unsupported param: tools/i;
const TOOLS_HINT =
  "Enable tool calling on the server (vLLM: --enable-auto-tool-choice --tool-call-parser; llama.cpp: --jinja) or use a model that supports tools.";

const MODEL_HINT = "Check --model and --endpoint (it usually ends in /v1).";
const UP_HINT = "Check --endpoint and that the server is up.";
const NO_ANSWER = "The endpoint did not answer in time";
const CUT = "The connection to the endpoint failed";
const NO_CONNECT = "Could not connect to the endpoint";

const codeSet = (codes: string) => new Set(codes.split(" "));
const TIMEOUT_CODES = codeSet(
  "UND_ERR_HEADERS_TIMEOUT UND_ERR_BODY_TIMEOUT UND_ERR_CONNECT_TIMEOUT ETIMEDOUT ESOCKETTIMEDOUT",
);
const RETRYABLE_CONNECTION_CODES = codeSet(
  "UND_ERR_SOCKET ECONNRESET ECONNREFUSED ECONNABORTED EPIPE EHOSTUNREACH ENETUNREACH EAI_AGAIN",
);
// A wrong host name or a bad certificate will not fix itself while we wait.
const CONFIG_CONNECTION_CODES = codeSet(
  "ENOTFOUND CERT_HAS_EXPIRED DEPTH_ZERO_SELF_SIGNED_CERT SELF_SIGNED_CERT_IN_CHAIN UNABLE_TO_VERIFY_LEAF_SIGNATURE ERR_TLS_CERT_ALTNAME_INVALID",
);

// Servers sometimes echo the key or the Authorization header back in their error text.
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\b(bearer\s+)[^\s"',;]+/gi, "$1[redacted]"],
  [/\b((?:x-)?api[-_]?key|authorization)(["']?\s*[:=]\s*["']?)[^\s"',;]+/gi, "$1$2[redacted]"],
  [/([?&](?:key|api_key|apikey|token|access_token)=)[^&\s"']+/gi, "$1[redacted]"],
  [/\b(?:sk|gsk|xai|rk|pk)[-_][A-Za-z0-9_*.-]{8,}/g, "[redacted]"],
];

type Bag = Record<string, unknown>;

function asBag(value: unknown): Bag | null {
  return typeof value === "object" && value !== null ? (value as Bag) : null;
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** The error and its causes (and the first member of an AggregateError), outermost first. */
function chain(err: unknown): Bag[] {
  const links: Bag[] = [];
  let current: unknown = err;
  while (links.length < 6) {
    const bag = asBag(current);
    if (!bag || links.includes(bag)) break;
    links.push(bag);
    current = bag.cause ?? (Array.isArray(bag.errors) ? bag.errors[0] : undefined);
  }
  return links;
}

function redact(text: string): string {
  return SECRET_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function tidy(text: string): string {
  const plain = /<html|<!doctype/i.test(text) ? text.replace(/<[^>]*>/g, " ") : text;
  const oneLine = redact(plain.replace(/\s+/g, " ").trim());
  return oneLine.length > MAX_SERVER_MESSAGE ? `${oneLine.slice(0, MAX_SERVER_MESSAGE - 1)}…` : oneLine;
}

/** The server's own words: error.message, a string error body, or the SDK message without its status prefix. */
function serverMessage(bag: Bag, body: Bag | null, status: number | null): string {
  let text = str(bag.error) ?? str(body?.message);
  if (!text && body && typeof body.message === "object") text = JSON.stringify(body.message);
  const raw = str(asBag(body?.metadata)?.raw);
  if (text && raw && !text.includes(raw)) text = `${text} (${raw})`;
  if (!text) {
    text = str(bag.message) ?? "";
    if (status !== null && text.startsWith(`${status} `)) text = text.slice(`${status} `.length);
    if (text === "status code (no body)") text = "";
  }
  return tidy(text);
}

/** "Connection error: fetch failed: connect ECONNREFUSED …" from the error and its causes. */
function transportMessage(links: Bag[]): string {
  const parts: string[] = [];
  for (const link of links) {
    const text = str(link.message)?.replace(/\.$/, "");
    if (text && !parts.includes(text)) parts.push(text);
  }
  return tidy(parts.join(": "));
}

function sentence(prefix: string, detail: string, hint?: string): string {
  let out = detail ? `${prefix}: ${detail}` : prefix;
  if (!/[.!?…]$/.test(out)) out += ".";
  return hint ? `${out} ${hint}` : out;
}

function isAbort(links: Bag[]): boolean {
  const names = new Set(["AbortError", "APIUserAbortError"]);
  return links.some((link) => names.has(String(link.name)) || names.has(String(link.constructor?.name)));
}

function statusOf(bag: Bag, body: Bag | null): number | null {
  // body.code covers llama.cpp's {"error":{"code":503,…}} arriving in a stream without an HTTP status.
  for (const value of [bag.status, bag.statusCode, body?.code]) {
    if (typeof value === "number" && Number.isInteger(value) && value >= 400 && value <= 599) return value;
  }
  return null;
}

/** `status` is null for errors sent inside an SSE stream; only the body rules apply to those. */
function verdictForStatus(
  status: number | null,
  code: string | null,
  type: string | null,
  detail: string,
): Verdict {
  const http = status === null ? "" : ` (HTTP ${status})`;
  const n = status ?? 0;
  const overflowDetail = (n === 400 || n === 413 || n === 500) && CONTEXT_OVERFLOW.test(detail);
  if (code === "context_length_exceeded" || type === "exceed_context_size_error" || overflowDetail) {
    return verdict(
      "context_overflow",
      "context_overflow",
      false,
      `The request exceeded the model's context window${http}`,
    );
  }
  if (code === "tool_use_failed") {
    return verdict("capability", "tool_use_failed", false, `The model produced a malformed tool call${http}`);
  }
  const noTools =
    (n === 400 && NO_TOOLS_400.test(detail)) ||
    (n === 404 && NO_TOOLS_404.test(detail)) ||
    (n === 500 && NO_TOOLS_500.test(detail));
  const config = (kind: Kind, prefix: string, hint?: string) =>
    verdict("config", kind, false, prefix + http, hint);
  if (noTools)
    return config("no_tool_support", "The endpoint does not support tool calling for this model", TOOLS_HINT);
  if (n === 401)
    return config("auth", "The endpoint refused the API key", "Check --key (or CAB_KEY / OPENAI_API_KEY).");
  if (n === 403)
    return config("forbidden", "The endpoint denied access", "Check that this key may use this model.");
  if (n === 404) return config("model_not_found", "The endpoint does not know this model", MODEL_HINT);
  const infra = (kind: Kind, prefix: string) =>
    verdict("infra", kind, RETRYABLE_STATUS.has(n), prefix + http);
  if (n === 429) return infra("rate_limited", "The provider rate-limited the request");
  if (n === 408 || n === 504 || n === 524) return infra("timeout", "The endpoint timed out");
  if (n === 409 || n === 425 || n >= 500)
    return infra("unavailable", "The endpoint is unavailable or overloaded");
  return config("bad_request", "The endpoint rejected the request");
}

function verdictForTransport(links: Bag[]): Verdict {
  const codes = links.map((link) => str(link.code)).filter((code): code is string => code !== null);
  const timeoutCode = codes.find((code) => TIMEOUT_CODES.has(code));
  if (timeoutCode) return verdict("infra", "timeout", true, `${NO_ANSWER} (${timeoutCode})`);
  const retryCode = codes.find((code) => RETRYABLE_CONNECTION_CODES.has(code));
  if (retryCode) return verdict("infra", "connection", true, `${CUT} (${retryCode})`, UP_HINT);
  const configCode = codes.find((code) => CONFIG_CONNECTION_CODES.has(code));
  if (configCode)
    return verdict("config", "connection", false, `${NO_CONNECT} (${configCode})`, "Check --endpoint.");
  const names = links.map((link) => `${String(link.constructor?.name)} ${String(link.name)}`).join(" ");
  const message = str(links[0]?.message) ?? "";
  const sdkConnection = names.includes("APIConnectionError");
  const sdkTimeout = sdkConnection && /timed? ?out/i.test(message);
  if (sdkTimeout || /APIConnectionTimeoutError|TimeoutError/.test(names))
    return verdict("infra", "timeout", true, NO_ANSWER);
  if (sdkConnection || /^(terminated|fetch failed)$/.test(message)) {
    return verdict("infra", "connection", true, CUT, UP_HINT);
  }
  return verdict("unknown", "unknown", false, "Unexpected error while calling the endpoint");
}

/** Classify anything an endpoint call threw (openai SDK errors, undici errors, aborts, plain objects) by duck-typing. */
export function classifyEndpointError(err: unknown): EndpointFault {
  const links = chain(err);
  const bag = links[0] ?? { message: String(err) };
  const headers = asBag(bag.headers) as HeaderLike | null;
  const requestId = str(bag.requestID) ?? getHeader(headers, "x-request-id");
  const fault = (v: Verdict, status: number | null, message: string): EndpointFault => {
    const { faultClass, kind, retryable } = v;
    return { faultClass, kind, status, retryable, message, headers, requestId };
  };
  if (isAbort(links)) {
    return fault(verdict("aborted", "aborted", false, ""), null, "The request was aborted.");
  }
  const body = asBag(bag.error);
  const status = statusOf(bag, body);
  const code = str(bag.code) ?? str(body?.code);
  const type = str(bag.type) ?? str(body?.type);
  let detail = serverMessage(bag, body, status);
  const inStream =
    body !== null &&
    (code === "tool_use_failed" ||
      code === "context_length_exceeded" ||
      type === "exceed_context_size_error");
  let v: Verdict;
  if (status !== null || inStream) v = verdictForStatus(status, code, type, detail);
  else {
    v = verdictForTransport(links);
    detail = transportMessage(links);
  }
  const withOverride = { ...v, retryable: shouldRetryHeader(headers) ?? v.retryable };
  return fault(withOverride, status, sentence(v.prefix, detail, v.hint));
}
