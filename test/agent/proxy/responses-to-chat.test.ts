import { describe, expect, it } from "vitest";
import { responsesToChat } from "../../../src/agent/proxy/responses-to-chat.js";

const APPLY_PATCH = {
  type: "custom",
  name: "apply_patch",
  description: "Use the `apply_patch` tool to edit files.",
  format: { type: "grammar", syntax: "lark", definition: 'start: "*** Begin Patch"' },
};
const EXEC = {
  type: "function",
  name: "exec_command",
  description: "Runs a command",
  strict: false,
  parameters: { type: "object", properties: { cmd: { type: "string" } }, required: ["cmd"] },
};

describe("responsesToChat: messages", () => {
  it.each([
    ["a string input", { input: "hi" }, [{ role: "user", content: "hi" }]],
    [
      "instructions first, then input_text parts joined",
      {
        instructions: "be brief",
        input: [
          {
            type: "message",
            role: "user",
            content: [
              { type: "input_text", text: "<env>" },
              { type: "input_text", text: "fix it" },
            ],
          },
        ],
      },
      [
        { role: "system", content: "be brief" },
        { role: "user", content: "<env>\nfix it" },
      ],
    ],
    [
      "developer becomes system; a message without type still counts",
      { input: [{ role: "developer", content: "rules" }] },
      [{ role: "system", content: "rules" }],
    ],
    [
      "images keep the array form",
      {
        input: [
          {
            type: "message",
            role: "user",
            content: [
              { type: "input_text", text: "look" },
              { type: "input_image", image_url: "data:image/png;base64,AAA" },
            ],
          },
        ],
      },
      [
        {
          role: "user",
          content: [
            { type: "text", text: "look" },
            { type: "image_url", image_url: { url: "data:image/png;base64,AAA" } },
          ],
        },
      ],
    ],
    [
      "assistant text, then its function call joins the same message; the output is a tool message",
      {
        input: [
          { type: "message", role: "assistant", content: [{ type: "output_text", text: "Let me look." }] },
          { type: "reasoning", id: "rs_1", summary: [], encrypted_content: "xyz" },
          { type: "function_call", call_id: "call_1", name: "exec_command", arguments: '{"cmd":"ls"}' },
          { type: "function_call_output", call_id: "call_1", output: "a.txt" },
        ],
      },
      [
        {
          role: "assistant",
          content: "Let me look.",
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "exec_command", arguments: '{"cmd":"ls"}' } },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: "a.txt" },
      ],
    ],
    [
      "a freeform call becomes {input} arguments; structured output keeps its text",
      {
        input: [
          { type: "custom_tool_call", call_id: "c2", name: "apply_patch", input: "*** Begin Patch\n" },
          { type: "custom_tool_call_output", call_id: "c2", output: "Success." },
          { type: "function_call", call_id: "c3", name: "exec_command", arguments: "" },
          { type: "function_call_output", call_id: "c3", output: [{ type: "input_text", text: "ok" }] },
        ],
      },
      [
        {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: "c2",
              type: "function",
              function: { name: "apply_patch", arguments: JSON.stringify({ input: "*** Begin Patch\n" }) },
            },
          ],
        },
        { role: "tool", tool_call_id: "c2", content: "Success." },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "c3", type: "function", function: { name: "exec_command", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "c3", content: "ok" },
      ],
    ],
  ])("%s", (_name, request, messages) => {
    expect(responsesToChat(request, "m").body.messages).toEqual(messages);
  });
});

describe("responsesToChat: tools and options", () => {
  it("turns function tools into chat tools and freeform tools into one-string functions", () => {
    const { body, customTools } = responsesToChat(
      { input: "x", tools: [EXEC, APPLY_PATCH, { type: "web_search" }, { type: "local_shell" }] },
      "m",
    );
    expect(customTools).toEqual(new Set(["apply_patch"]));
    expect(body.tools).toEqual([
      {
        type: "function",
        function: {
          name: "exec_command",
          description: "Runs a command",
          strict: false,
          parameters: EXEC.parameters,
        },
      },
      {
        type: "function",
        function: {
          name: "apply_patch",
          description: expect.stringMatching(/apply_patch[\s\S]*`input` string[\s\S]*lark grammar:\nstart:/),
          parameters: {
            type: "object",
            properties: { input: { type: "string", description: "the raw tool input" } },
            required: ["input"],
          },
        },
      },
    ]);
  });

  it.each([
    ["auto", "auto"],
    ["required", "required"],
    [
      { type: "function", name: "exec_command" },
      { type: "function", function: { name: "exec_command" } },
    ],
    [
      { type: "custom", name: "apply_patch" },
      { type: "function", function: { name: "apply_patch" } },
    ],
    [{ type: "allowed_tools", tools: [] }, undefined],
  ])("tool_choice %j → %j", (choice, expected) => {
    expect(responsesToChat({ input: "x", tools: [EXEC], tool_choice: choice }, "m").body.tool_choice).toEqual(
      expected,
    );
  });

  it("forces the model and a stream with usage; maps limits and output format; drops the rest", () => {
    const { body } = responsesToChat(
      {
        model: "gpt-5-codex",
        input: "x",
        stream: false,
        store: false,
        reasoning: { effort: "high" },
        include: ["reasoning.encrypted_content"],
        prompt_cache_key: "k",
        max_output_tokens: 500,
        temperature: 0.2,
        parallel_tool_calls: false,
        text: { format: { type: "json_schema", name: "out", schema: { type: "object" }, strict: true } },
      },
      "user-model",
    );
    expect(body).toEqual({
      model: "user-model",
      messages: [{ role: "user", content: "x" }],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 500,
      temperature: 0.2,
      response_format: {
        type: "json_schema",
        json_schema: { name: "out", schema: { type: "object" }, strict: true },
      },
    });
  });
});
