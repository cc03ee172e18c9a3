import { describe, expect, it } from "vitest";
import { createSseParser, parseDataEvents } from "../../../src/agent/proxy/sse.js";

describe("createSseParser", () => {
  it.each([
    ["one event", ["data: {}\n\n"], [{ event: null, data: "{}" }]],
    ["CRLF lines", ["data: a\r\n\r\n"], [{ event: null, data: "a" }]],
    ["a CRLF split across chunks", ["data: a\r", "\n\r\n"], [{ event: null, data: "a" }]],
    ["split mid-line", ["da", "ta: hel", "lo\n", "\n"], [{ event: null, data: "hello" }]],
    [
      "named events, comments, no space after the colon",
      [": ping\nevent: x\ndata:1\n\n"],
      [{ event: "x", data: "1" }],
    ],
    ["multi-line data", ["data: a\ndata: b\n\n"], [{ event: null, data: "a\nb" }]],
    ["a last event without its blank line", ["data: tail"], [{ event: null, data: "tail" }]],
    ["a blank line alone dispatches nothing", ["\n\nid: 3\nretry: 5\n\n"], []],
  ])("%s", (_name, chunks, expected) => {
    const parser = createSseParser();
    const events = chunks.flatMap((chunk) => parser.feed(chunk));
    expect([...events, ...parser.end()]).toEqual(expected);
  });

  it("parseDataEvents keeps JSON objects and skips [DONE] and noise", () => {
    expect(
      parseDataEvents([
        { event: null, data: '{"a":1}' },
        { event: null, data: "[DONE]" },
        { event: null, data: "not json" },
      ]),
    ).toEqual([{ a: 1 }]);
  });
});
