import { describe, expect, it } from "vitest";
import { createCapture, tailBytes } from "../../src/exec/capture.js";

function capture(maxBytes: number, chunks: string[]): string {
  const c = createCapture(maxBytes);
  for (const chunk of chunks) c.push(Buffer.from(chunk));
  return c.text();
}

describe("createCapture", () => {
  it.each([
    ["under the limit, one chunk", 10, ["hello"], "hello"],
    ["exactly the limit", 10, ["0123456789"], "0123456789"],
    ["under the limit, many chunks", 10, ["ab", "cd", "ef"], "abcdef"],
    ["over the limit: head, count, tail", 10, ["0123456789ABCDEF"], "01234\n[… 6 bytes elided …]\nBCDEF"],
    ["over the limit in small chunks", 10, [..."0123456789ABCDEF"], "01234\n[… 6 bytes elided …]\nBCDEF"],
    ["odd limit gives the tail the extra byte", 5, ["abcdefghij"], "ab\n[… 5 bytes elided …]\nhij"],
    ["nothing", 10, [], ""],
  ])("%s", (_name, maxBytes, chunks, expected) => {
    expect(capture(maxBytes, chunks)).toBe(expected);
  });

  it("keeps the real first and last lines of a long output", () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `line ${i}\n`);
    const text = capture(1024, lines);
    const total = Buffer.byteLength(lines.join(""));
    expect(text.startsWith("line 0\nline 1\n")).toBe(true);
    expect(text.endsWith("line 9998\nline 9999\n")).toBe(true);
    expect(text).toContain(`[… ${total - 1024} bytes elided …]`);
  });
});

describe("tailBytes", () => {
  it.each([
    ["short text unchanged", "hello", 10, "hello"],
    ["exact length unchanged", "hello", 5, "hello"],
    ["ASCII cut to the last bytes", "hello world", 5, "world"],
    // "é" is 2 bytes: a 3-byte tail of "aéé" would start inside the second-to-last é
    ["two-byte character not split", "aéé", 3, "é"],
    ["two-byte character kept whole when it fits", "aéé", 4, "éé"],
    // "€" is 3 bytes, "😀" is 4 bytes
    ["three-byte character not split", "x€€", 5, "€"],
    ["four-byte character not split", "😀😀", 7, "😀"],
    ["cut inside the only character", "😀", 3, ""],
  ])("%s", (_name, text, maxBytes, expected) => {
    const tail = tailBytes(text, maxBytes);
    expect(tail).toBe(expected);
    expect(tail).not.toContain("\uFFFD");
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(maxBytes);
  });

  it("never splits a character at any cut point", () => {
    const text = "a€😀é".repeat(20);
    for (let max = 0; max <= Buffer.byteLength(text); max++) {
      const tail = tailBytes(text, max);
      expect(tail).not.toContain("\uFFFD");
      expect(text.endsWith(tail)).toBe(true);
      // at most 3 bytes are given up to land on a character boundary
      expect(Buffer.byteLength(tail)).toBeGreaterThan(max - 4);
    }
  });
});
