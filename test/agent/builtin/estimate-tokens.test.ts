import { describe, expect, it } from "vitest";
import { createTokenEstimator } from "../../../src/agent/builtin/estimate-tokens.js";
import { TOOL_SCHEMAS } from "../../../src/agent/builtin/tool-schemas.js";
import type { ChatReply, ChatRequest } from "../../../src/agent/chat-types.js";

const reply = (content: string): ChatReply => ({
  message: { content },
  finishReason: "stop",
  usage: null,
  status: 200,
  requestId: null,
});

describe("token estimation when an endpoint reports no usage", () => {
  it("counts with the tokenizer: more text, more tokens; the same text, the same count", async () => {
    const estimate = createTokenEstimator();
    const request: ChatRequest = {
      model: "m",
      messages: [{ role: "user", content: "Fix the bug in src/lib.rs." }],
      tools: TOOL_SCHEMAS,
    };
    const short = await estimate(request, reply("ok"));
    const long = await estimate(
      request,
      reply("I moved the len() call before the concatenation so prefix is not used after the move."),
    );
    expect(short.promptTokens).toBe(long.promptTokens);
    expect(short.promptTokens).toBeGreaterThan(100); // the tool schemas alone are a few hundred tokens
    expect(short.completionTokens).toBe(1);
    expect(long.completionTokens).toBeGreaterThan(15);
    expect(long.totalTokens).toBe(long.promptTokens + long.completionTokens);
  });

  it("a longer conversation costs more prompt tokens than its prefix", async () => {
    const estimate = createTokenEstimator();
    const messages: ChatRequest["messages"] = [{ role: "user", content: "hello" }];
    const before = await estimate({ model: "m", messages, tools: [] }, reply(""));
    messages.push({ role: "assistant", content: "Reading the file now." });
    const after = await estimate({ model: "m", messages, tools: [] }, reply(""));
    expect(after.promptTokens).toBeGreaterThan(before.promptTokens);
  });
});
