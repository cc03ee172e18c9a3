import { describe, expect, it } from "vitest";
import { compareRequest } from "../../src/replay/compare-request.js";
import { expandMessageHashes, hashMessage, hashTools } from "../../src/replay/message-hash.js";

const call = (id: string, command: string) => ({
  role: "assistant",
  content: null,
  tool_calls: [{ id, type: "function", function: { name: "bash", arguments: JSON.stringify({ command }) } }],
});

describe("hashMessage", () => {
  it("ignores what differs between two faithful runs: tool-call ids, the cell's temp path, durations", () => {
    expect(hashMessage(call("abc", "ls"))).toBe(hashMessage(call("xyz", "ls")));
    expect(hashMessage({ role: "tool", tool_call_id: "a", content: "ok" })).toBe(
      hashMessage({ role: "tool", tool_call_id: "b", content: "ok" }),
    );
    const out = (dir: string, s: string) => ({
      role: "tool",
      content: `rootdir: /tmp/cab-cell-${dir}/workspace\nRan 10 tests in ${s}s\nduration_ms: ${s}`,
    });
    expect(hashMessage(out("AbC123", "0.003"))).toBe(hashMessage(out("zZ9yY8", "1.250")));
  });

  it("sees a changed command, result or role, and names the role", () => {
    expect(hashMessage(call("a", "ls"))).not.toBe(hashMessage(call("a", "ls -a")));
    expect(hashMessage({ role: "tool", content: "2 passed" })).not.toBe(
      hashMessage({ role: "tool", content: "3 passed" }),
    );
    expect(hashMessage({ role: "user", content: "x" })).toMatch(/^user:[0-9a-f]{12}$/);
  });

  it("key order never changes a hash", () => {
    expect(hashMessage({ role: "user", content: "x" })).toBe(hashMessage({ content: "x", role: "user" }));
  });
});

describe("compareRequest", () => {
  const system = { role: "system", content: "you are an agent" };
  const user = { role: "user", content: "fix it" };
  const first = [system, user];
  const second = [system, user, call("id1", "python3 -m unittest"), { role: "tool", content: "OK" }];
  const requests = [
    { model: "m", tools_hash: hashTools([]), prefix: 0, message_hashes: first.map(hashMessage) },
    { model: "m", tools_hash: hashTools([]), prefix: 2, message_hashes: second.slice(2).map(hashMessage) },
  ];
  const expected = expandMessageHashes(requests);

  it("expands the shared-prefix recording back to full lists", () => {
    expect(expected[1]).toEqual(second.map(hashMessage));
  });

  it("matches the recorded request", () => {
    expect(
      compareRequest({ model: "m", messages: second }, requests[1] as never, expected[1] as string[]),
    ).toBeNull();
  });

  it("names the first differing message: a changed tool call, with the call whose reply it was", () => {
    const edited = [system, user, call("id1", "rm -rf tests"), { role: "tool", content: "OK" }];
    const detail = compareRequest(
      { model: "m", messages: edited },
      requests[1] as never,
      expected[1] as string[],
    );
    expect(detail).toBe(
      'message 3 of 4 differs: replayed assistant tool call bash {"command":"rm -rf tests"} (the reply to call #1); the recording had a different assistant message there',
    );
  });

  it("names a changed model, tools, or a missing message", () => {
    expect(compareRequest({ model: "n", messages: second }, requests[1] as never, [])).toMatch(
      /model id differs/,
    );
    expect(compareRequest({ model: "m", messages: second, tools: [{}] }, requests[1] as never, [])).toMatch(
      /tool definitions differ/,
    );
    expect(
      compareRequest({ model: "m", messages: first }, requests[1] as never, expected[1] as string[]),
    ).toBe("the request has 2 message(s), the recording 4: recorded message 3 (assistant) is missing");
  });
});
