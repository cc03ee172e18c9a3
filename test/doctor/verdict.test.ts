import { describe, expect, it } from "vitest";
import { judgeProbes, probeRateLimits } from "../../src/doctor/probes.js";
import { renderProbeLine } from "../../src/doctor/render.js";
import { type ProbeResult, probeResult } from "../../src/doctor/types.js";

const ok = (id: ProbeResult["id"]) => probeResult(id, "ok", "fine");

describe("judgeProbes", () => {
  it.each<[string, ProbeResult[], ReturnType<typeof judgeProbes>["outcome"], string]>([
    ["all ok", [ok("reach"), ok("chat")], "ready", "ready for cab check"],
    [
      "a warning",
      [ok("reach"), probeResult("models", "warn", "not listed")],
      "warnings",
      "usable with warnings",
    ],
    [
      "a plain failure",
      [
        ok("reach"),
        probeResult("tools", "fail", "rejected"),
        probeResult("stream", "fail", "x", { infra: true }),
      ],
      "failed",
      "not usable: tool calls: rejected",
    ],
    [
      "an infra failure first",
      [probeResult("reach", "fail", "refused", { infra: true }), probeResult("chat", "skip", "skipped")],
      "infra",
      "not usable: reachable: refused",
    ],
    [
      "one probe rate-limited among successes",
      [ok("models"), probeResult("chat", "warn", "429", { rateLimited: true }), ok("tools")],
      "warnings",
      "usable with warnings",
    ],
    [
      "every requesting probe rate-limited",
      [
        ok("reach"),
        probeResult("models", "warn", "429", { rateLimited: true }),
        probeResult("chat", "skip", "no --model"),
        ok("rate_limits"),
      ],
      "infra",
      "not usable: every probe was rate-limited (HTTP 429); try again later",
    ],
  ])("%s", (_case, results, outcome, text) => {
    expect(judgeProbes(results)).toEqual({ outcome, text });
  });
});

describe("probeRateLimits", () => {
  it("lists rate-limit headers from every response, without the request id", () => {
    const seen = [
      new Headers({ "x-ratelimit-remaining-tokens": "9000", "x-request-id": "req_1" }),
      { "Retry-After": "3", "content-type": "application/json" },
    ];
    expect(probeRateLimits(seen).detail).toBe("retry-after: 3, x-ratelimit-remaining-tokens: 9000");
    expect(probeRateLimits([]).detail).toBe("none sent: on a 429 cab check backs off exponentially");
  });
});

describe("renderProbeLine", () => {
  it("aligns titles and puts the hint under the line", () => {
    const lines = [
      probeResult("reach", "ok", "HTTP 200 from GET /models in 3 ms"),
      probeResult("tools", "fail", "rejected", { hint: "enable tools" }),
      probeResult("usage", "warn", "no usage"),
      probeResult("stream", "skip", "skipped: the chat call failed"),
    ].map(renderProbeLine);
    expect(lines.join("\n")).toMatchInlineSnapshot(`
      "✓ reachable    HTTP 200 from GET /models in 3 ms
      ✗ tool calls   rejected
                     hint: enable tools
      ! usage        no usage
      - streaming    skipped: the chat call failed"
    `);
  });
});
