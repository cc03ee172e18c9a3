import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "../src/redact.js";

const KEY = "sk-live/ab+cd=ef1"; // 17 bytes: base64 ends in one "=", and it has URL-special characters
const B64 = Buffer.from(KEY).toString("base64");
const KEY2 = "tok-12345678"; // 12 bytes: base64 has no padding at all

describe("createRedactor", () => {
  it("the sample key has the forms the table relies on", () => {
    expect(B64.endsWith("=")).toBe(true);
    expect(encodeURIComponent(KEY)).not.toBe(KEY);
    expect(Buffer.from(KEY2).toString("base64")).not.toContain("=");
  });

  it.each([
    ["the key itself", `Authorization: Bearer ${KEY}`, `Authorization: Bearer ${REDACTED}`],
    ["twice on a line", `${KEY} and ${KEY}`, `${REDACTED} and ${REDACTED}`],
    ["base64 with padding", `Basic ${B64}`, `Basic ${REDACTED}`],
    ["base64 without padding", `token=${B64.replace(/=+$/, "")}&x=1`, `token=${REDACTED}&x=1`],
    [
      "URL-encoded",
      `GET /v1/models?api_key=${encodeURIComponent(KEY)}`,
      `GET /v1/models?api_key=${REDACTED}`,
    ],
    [
      "a second, unpadded key",
      `k=${Buffer.from(KEY2).toString("base64")} ${KEY2}`,
      `k=${REDACTED} ${REDACTED}`,
    ],
    ["text without secrets", "nothing to see", "nothing to see"],
  ])("replaces %s", (_name, text, expected) => {
    const redact = createRedactor([KEY, undefined, KEY2]);
    const out = redact(text);
    expect(out).toBe(expected);
    expect(out).not.toContain(KEY);
    expect(out).not.toContain(B64.slice(0, 8));
  });

  it.each<[string, (string | undefined)[], string]>([
    ["no secrets", [], "abc sk abc"],
    ["only undefined and empty", [undefined, ""], "abc sk abc"],
    ["a 3-character secret is too short", ["abc"], "abc sk abc"],
  ])("leaves text alone with %s", (_name, secrets, text) => {
    expect(createRedactor(secrets)(text)).toBe(text);
  });

  it("replaces a secret of exactly 4 characters", () => {
    expect(createRedactor(["abcd"])("xabcdx")).toBe(`x${REDACTED}x`);
  });
});
