/** Response headers as fetch `Headers` or a plain object (node:http style); names are matched case-insensitively. */
export type HeaderLike = Headers | Record<string, string | string[] | undefined>;

/** Where a retry delay came from. */
export type DelaySource =
  | "retry-after-ms"
  | "retry-after"
  | "x-ratelimit-reset-requests"
  | "x-ratelimit-reset-tokens";

/** The delay a server asked for, the header that asked and its raw value. */
export interface RetryDelayHint {
  delayMs: number | null;
  source: DelaySource | null;
  raw: string | null;
}

const GO_UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
  us: 1e-3,
  µs: 1e-3,
  ns: 1e-6,
};
const GO_DURATION =
  /^(?:\d+(?:\.\d*)?|\.\d+)(?:h|ms|m|s|us|µs|ns)(?:(?:\d+(?:\.\d*)?|\.\d+)(?:h|ms|m|s|us|µs|ns))*$/;
const GO_PART = /(\d+(?:\.\d*)?|\.\d+)(h|ms|m|s|us|µs|ns)/g;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
// V8's Date.parse accepts junk like "foo 1"; an HTTP-date always carries a clock time.
const LOOKS_LIKE_DATE = /\d{1,2}:\d{2}(?::\d{2})?/;

function isHeaders(headers: HeaderLike): headers is Headers {
  return typeof (headers as Headers).get === "function" && typeof (headers as Headers).forEach === "function";
}

function joinValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** One header's value (repeated values joined with ", "), or null when absent. */
export function getHeader(headers: HeaderLike | null | undefined, name: string): string | null {
  if (!headers) return null;
  if (isHeaders(headers)) return headers.get(name);
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return joinValue(value);
  }
  return null;
}

function headerEntries(headers: HeaderLike): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  if (isHeaders(headers)) {
    headers.forEach((value, key) => {
      entries.push([key.toLowerCase(), value]);
    });
    return entries;
  }
  for (const [key, value] of Object.entries(headers)) {
    const joined = joinValue(value);
    if (joined !== null) entries.push([key.toLowerCase(), joined]);
  }
  return entries;
}

/** A Go duration ("6s", "1.57s", "6m0s", "500ms", "1h2m") or a plain number of seconds, in ms; null when unparseable. */
export function parseGoDuration(s: string): number | null {
  const text = s.trim();
  if (PLAIN_NUMBER.test(text)) {
    const seconds = Number.parseFloat(text);
    return seconds < 0 ? null : Math.round(seconds * 1000);
  }
  if (!GO_DURATION.test(text)) return null;
  let totalMs = 0;
  for (const [, amount, unit] of text.matchAll(GO_PART)) {
    totalMs += Number.parseFloat(amount ?? "0") * (GO_UNIT_MS[unit ?? ""] ?? 0);
  }
  return Math.round(totalMs);
}

/** A Retry-After value (seconds, fractions allowed, or an HTTP-date) as ms from `nowMs`, floored at 0; null when unparseable. */
export function parseRetryAfter(value: string, nowMs: number): number | null {
  const text = value.trim();
  if (text === "") return null;
  if (PLAIN_NUMBER.test(text)) return Math.max(0, Math.round(Number.parseFloat(text) * 1000));
  if (!LOOKS_LIKE_DATE.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/**
 * An x-ratelimit-reset value in ms from now. Most servers send a Go duration; some send a Unix timestamp,
 * told apart by magnitude as promptfoo does (< 1e9 relative seconds, < 1e10 Unix seconds, else Unix ms).
 */
function parseResetValue(value: string, nowMs: number): number | null {
  const text = value.trim();
  if (PLAIN_NUMBER.test(text)) {
    const n = Number.parseFloat(text);
    if (n < 0) return null;
    if (n < 1e9) return Math.round(n * 1000);
    return Math.max(0, Math.round((n < 1e10 ? n * 1000 : n) - nowMs));
  }
  return parseGoDuration(text) ?? parseRetryAfter(text, nowMs);
}

function parseRetryAfterMs(value: string): number | null {
  const text = value.trim();
  if (!PLAIN_NUMBER.test(text)) return null;
  return Math.max(0, Math.round(Number.parseFloat(text)));
}

/**
 * The delay the server asked for: retry-after-ms, then retry-after, then the earliest
 * x-ratelimit-reset-{requests,tokens} whose matching x-ratelimit-remaining-* is "0".
 */
export function retryDelayFromHeaders(headers: HeaderLike | null | undefined, nowMs: number): RetryDelayHint {
  const none: RetryDelayHint = { delayMs: null, source: null, raw: null };
  if (!headers) return none;
  const retryAfterMs = getHeader(headers, "retry-after-ms");
  if (retryAfterMs !== null) {
    const delayMs = parseRetryAfterMs(retryAfterMs);
    if (delayMs !== null) return { delayMs, source: "retry-after-ms", raw: retryAfterMs };
  }
  const retryAfter = getHeader(headers, "retry-after");
  if (retryAfter !== null) {
    const delayMs = parseRetryAfter(retryAfter, nowMs);
    if (delayMs !== null) return { delayMs, source: "retry-after", raw: retryAfter };
  }
  let best = none;
  for (const limit of ["requests", "tokens"] as const) {
    if (getHeader(headers, `x-ratelimit-remaining-${limit}`)?.trim() !== "0") continue;
    const raw = getHeader(headers, `x-ratelimit-reset-${limit}`);
    const delayMs = raw === null ? null : parseResetValue(raw, nowMs);
    if (delayMs !== null && (best.delayMs === null || delayMs < best.delayMs)) {
      best = { delayMs, source: `x-ratelimit-reset-${limit}`, raw };
    }
  }
  return best;
}

/** The server's explicit retry verdict from `x-should-retry`: true, false, or null when absent or unclear. */
export function shouldRetryHeader(headers: HeaderLike | null | undefined): boolean | null {
  const value = getHeader(headers, "x-should-retry")?.trim().toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  return null;
}

function isRateLimitHeader(name: string): boolean {
  return (
    name.startsWith("retry-after") ||
    name.startsWith("x-ratelimit-") ||
    name === "x-should-retry" ||
    name === "x-request-id"
  );
}

/** The retry-after*, x-ratelimit-*, x-should-retry and x-request-id headers present, lower-cased, for the trace. */
export function pickRateLimitHeaders(headers: HeaderLike | null | undefined): Record<string, string> {
  const picked: Record<string, string> = {};
  if (!headers) return picked;
  for (const [name, value] of headerEntries(headers)) {
    if (isRateLimitHeader(name)) picked[name] = value;
  }
  return picked;
}
