import { describe, expect, it } from "vitest";
import {
  type HeaderLike,
  parseGoDuration,
  parseRetryAfter,
  pickRateLimitHeaders,
  retryDelayFromHeaders,
  shouldRetryHeader,
} from "../../../src/agent/endpoint/rate-limit-headers.js";

const NOW = Date.parse("2025-06-01T12:00:00Z");

describe("parseGoDuration", () => {
  it.each([
    ["6s", 6_000],
    ["1.57s", 1_570],
    ["6m0s", 360_000],
    ["2m30.5s", 150_500],
    ["500ms", 500],
    ["1h2m", 3_720_000],
    ["1h0m0.25s", 3_600_250],
    ["250ms", 250],
    [" 7s ", 7_000],
    ["2", 2_000],
    ["0.5", 500],
    ["0", 0],
    ["0s", 0],
    ["1500us", 2],
  ])("%j → %d ms", (input, expected) => {
    expect(parseGoDuration(input)).toBe(expected);
  });

  it.each(["", "abc", "-1s", "-3", "6x", "s", "1.5.2s", "6s junk", "1d"])("%j → null", (input) => {
    expect(parseGoDuration(input)).toBeNull();
  });
});

describe("parseRetryAfter", () => {
  it.each([
    ["2", 2_000],
    ["0", 0],
    ["1.5", 1_500],
    ["0.25", 250],
    [" 30 ", 30_000],
    ["Sun, 01 Jun 2025 12:00:07 GMT", 7_000],
    ["Sunday, 01-Jun-25 12:01:00 GMT", 60_000],
    // A date in the past means "now", never a negative wait.
    ["Sun, 01 Jun 2025 11:59:00 GMT", 0],
    ["-5", 0],
  ])("%j → %d ms", (input, expected) => {
    expect(parseRetryAfter(input, NOW)).toBe(expected);
  });

  it.each(["", "soon", "foo 1", "in 5 minutes", "2s"])("%j → null", (input) => {
    expect(parseRetryAfter(input, NOW)).toBeNull();
  });
});

describe("retryDelayFromHeaders", () => {
  it.each<[string, HeaderLike, ReturnType<typeof retryDelayFromHeaders>]>([
    ["nothing", {}, { delayMs: null, source: null, raw: null }],
    ["retry-after seconds", { "Retry-After": "3" }, { delayMs: 3_000, source: "retry-after", raw: "3" }],
    [
      "retry-after-ms wins over retry-after",
      { "retry-after": "3", "retry-after-ms": "1234.5" },
      { delayMs: 1_235, source: "retry-after-ms", raw: "1234.5" },
    ],
    [
      "unparseable retry-after-ms falls through",
      { "retry-after-ms": "soon", "retry-after": "4" },
      { delayMs: 4_000, source: "retry-after", raw: "4" },
    ],
    [
      "retry-after as HTTP-date",
      { "retry-after": "Sun, 01 Jun 2025 12:00:10 GMT" },
      { delayMs: 10_000, source: "retry-after", raw: "Sun, 01 Jun 2025 12:00:10 GMT" },
    ],
    [
      "reset ignored while requests remain",
      { "x-ratelimit-remaining-requests": "5", "x-ratelimit-reset-requests": "6s" },
      { delayMs: null, source: null, raw: null },
    ],
    [
      "reset-requests used when remaining is 0",
      { "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "6m0s" },
      { delayMs: 360_000, source: "x-ratelimit-reset-requests", raw: "6m0s" },
    ],
    [
      "reset-tokens only counts its own remaining",
      {
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": "20s",
        "x-ratelimit-remaining-tokens": "100",
        "x-ratelimit-reset-tokens": "1s",
      },
      { delayMs: 20_000, source: "x-ratelimit-reset-requests", raw: "20s" },
    ],
    [
      "earliest of two exhausted limits",
      {
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": "2m30.5s",
        "x-ratelimit-remaining-tokens": "0",
        "x-ratelimit-reset-tokens": "1.57s",
      },
      { delayMs: 1_570, source: "x-ratelimit-reset-tokens", raw: "1.57s" },
    ],
    [
      "retry-after beats x-ratelimit-reset",
      { "retry-after": "9", "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "1s" },
      { delayMs: 9_000, source: "retry-after", raw: "9" },
    ],
    [
      "reset as a Unix timestamp in seconds",
      { "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": String(NOW / 1000 + 12) },
      { delayMs: 12_000, source: "x-ratelimit-reset-requests", raw: String(NOW / 1000 + 12) },
    ],
    [
      "array values (node:http)",
      { "retry-after": ["5"] },
      { delayMs: 5_000, source: "retry-after", raw: "5" },
    ],
  ])("%s", (_name, headers, expected) => {
    expect(retryDelayFromHeaders(headers, NOW)).toEqual(expected);
  });

  it("reads fetch Headers case-insensitively", () => {
    const headers = new Headers({ "Retry-After-Ms": "750" });
    expect(retryDelayFromHeaders(headers, NOW)).toEqual({
      delayMs: 750,
      source: "retry-after-ms",
      raw: "750",
    });
  });

  it("accepts null headers", () => {
    expect(retryDelayFromHeaders(null, NOW)).toEqual({ delayMs: null, source: null, raw: null });
  });
});

describe("shouldRetryHeader", () => {
  it.each<[HeaderLike, boolean | null]>([
    [{ "x-should-retry": "true" }, true],
    [{ "X-Should-Retry": "false" }, false],
    [{ "x-should-retry": " TRUE " }, true],
    [{ "x-should-retry": "maybe" }, null],
    [{}, null],
    [new Headers({ "x-should-retry": "false" }), false],
  ])("%j → %s", (headers, expected) => {
    expect(shouldRetryHeader(headers)).toBe(expected);
  });
});

describe("pickRateLimitHeaders", () => {
  it("keeps only retry and rate-limit headers, lower-cased", () => {
    const headers = new Headers({
      "Content-Type": "application/json",
      "Retry-After": "2",
      "retry-after-ms": "2000",
      "X-RateLimit-Remaining-Requests": "0",
      "x-ratelimit-reset-tokens": "6m0s",
      "x-should-retry": "true",
      "x-request-id": "req_123",
      "set-cookie": "session=secret",
      authorization: "Bearer sk-should-not-appear",
    });
    expect(pickRateLimitHeaders(headers)).toEqual({
      "retry-after": "2",
      "retry-after-ms": "2000",
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-tokens": "6m0s",
      "x-should-retry": "true",
      "x-request-id": "req_123",
    });
  });

  it("works on plain objects and skips undefined values", () => {
    expect(
      pickRateLimitHeaders({
        "Retry-After": "1",
        "X-Request-ID": undefined,
        Server: "nginx",
        "x-ratelimit-limit-requests": ["60"],
      }),
    ).toEqual({ "retry-after": "1", "x-ratelimit-limit-requests": "60" });
  });

  it("returns an empty record for null", () => {
    expect(pickRateLimitHeaders(null)).toEqual({});
  });
});
