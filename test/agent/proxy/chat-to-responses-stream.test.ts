import { describe, expect, it } from "vitest";
import {
  createResponsesTranslator,
  createSseWriter,
  customInput,
  type ResponsesEvent,
  translateUsage,
} from "../../../src/agent/proxy/chat-to-responses-stream.js";

const delta = (d: Record<string, unknown>, finish: string | null = null) => ({
  choices: [{ index: 0, delta: d, finish_reason: finish }],
});
const USAGE = { prompt_tokens: 111, completion_tokens: 22, total_tokens: 133 };

function translate(chunks: unknown[], customTools: string[] = []) {
  let n = 0;
  const translator = createResponsesTranslator({
    model: "m",
    customTools: new Set(customTools),
    newId: (prefix) => `${prefix}_${++n}`,
    createdAt: 1,
  });
  const events: ResponsesEvent[] = [...translator.start()];
  for (const chunk of chunks) events.push(...translator.push(chunk));
  events.push(...translator.finish());
  return { events, types: events.map((e) => e.type), final: translator.response() };
}

describe("createResponsesTranslator", () => {
  it("streams text as message events and ends with response.completed and usage", () => {
    const { events, types, final } = translate([
      delta({ role: "assistant", content: "" }),
      delta({ content: "Hel" }),
      delta({ content: "lo" }),
      delta({}, "stop"),
      { choices: [], usage: USAGE },
    ]);
    expect(types).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events[0]).toMatchObject({
      response: { id: "resp_1", status: "in_progress", model: "m", output: [] },
    });
    expect(events.find((e) => e.type === "response.output_item.done")).toMatchObject({
      output_index: 0,
      item: {
        id: "msg_2",
        type: "message",
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text: "Hello" }],
      },
    });
    expect(final).toMatchObject({
      id: "resp_1",
      status: "completed",
      usage: {
        input_tokens: 111,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 22,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 133,
      },
    });
  });

  it("sends text before tool calls, and function calls whole with their arguments", () => {
    const { events, types, final } = translate([
      delta({ content: "Running it." }),
      delta({
        tool_calls: [
          { index: 0, id: "call_a", type: "function", function: { name: "exec_command", arguments: '{"cm' } },
        ],
      }),
      delta({ tool_calls: [{ index: 0, function: { arguments: 'd":"ls"}' } }] }),
      delta({}, "tool_calls"),
    ]);
    expect(types.slice(-5)).toEqual([
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
    const done = events.filter((e) => e.type === "response.output_item.done");
    expect(done.map((e) => e.output_index)).toEqual([0, 1]);
    expect(done[1]?.item).toEqual({
      id: "fc_3",
      type: "function_call",
      status: "completed",
      call_id: "call_a",
      name: "exec_command",
      arguments: '{"cmd":"ls"}',
    });
    expect(events.find((e) => e.type === "response.function_call_arguments.done")).toMatchObject({
      item_id: "fc_3",
      name: "exec_command",
      arguments: '{"cmd":"ls"}',
    });
    expect(final.usage).toBeUndefined();
    expect((final.output as unknown[]).length).toBe(2);
  });

  it("turns a call of a freeform tool back into a custom_tool_call with the raw input", () => {
    const patch = "*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch";
    const { events, types } = translate(
      [
        delta({
          tool_calls: [
            {
              index: 0,
              id: "call_p",
              function: { name: "apply_patch", arguments: JSON.stringify({ input: patch }) },
            },
          ],
        }),
        delta({
          tool_calls: [{ index: 1, id: "call_q", function: { name: "exec_command", arguments: "{}" } }],
        }),
      ],
      ["apply_patch"],
    );
    expect(types).toContain("response.custom_tool_call_input.done");
    const items = events.filter((e) => e.type === "response.output_item.done").map((e) => e.item);
    expect(items).toEqual([
      {
        id: "ctc_2",
        type: "custom_tool_call",
        status: "completed",
        call_id: "call_p",
        name: "apply_patch",
        input: patch,
      },
      expect.objectContaining({ type: "function_call", call_id: "call_q", name: "exec_command" }),
    ]);
  });

  it("reads a whole chat completion (an upstream that ignored stream: true)", () => {
    const { final } = translate([
      {
        choices: [
          {
            index: 0,
            finish_reason: "tool_calls",
            message: {
              role: "assistant",
              content: "ok",
              tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: { a: 1 } } }],
            },
          },
        ],
        usage: USAGE,
      },
    ]);
    expect(final.output).toEqual([
      expect.objectContaining({ type: "message", content: [expect.objectContaining({ text: "ok" })] }),
      expect.objectContaining({ type: "function_call", call_id: "c1", arguments: '{"a":1}' }),
    ]);
    expect(final.usage).toMatchObject({ input_tokens: 111 });
  });

  it("marks a reply cut by the output limit incomplete, still with response.completed", () => {
    const { types, final } = translate([delta({ content: "abc" }, "length")]);
    expect(types.at(-1)).toBe("response.completed");
    expect(final).toMatchObject({
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
    });
  });

  it("gives a missing call id one of its own", () => {
    const { final } = translate([
      delta({ tool_calls: [{ index: 0, function: { name: "f", arguments: "{}" } }] }),
    ]);
    expect((final.output as { call_id: string }[])[0]?.call_id).toBe("call_2");
  });
});

describe("helpers", () => {
  it.each([
    ['{"input":"*** Begin Patch"}', "*** Begin Patch"],
    ["*** Begin Patch\n*** End Patch", "*** Begin Patch\n*** End Patch"],
    ['{"patch":"x"}', '{"patch":"x"}'],
  ])("customInput(%j) → %j", (args, input) => {
    expect(customInput(args)).toBe(input);
  });

  it("translateUsage keeps cached and reasoning tokens", () => {
    expect(
      translateUsage({
        prompt_tokens: 10,
        completion_tokens: 5,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 2 },
      }),
    ).toEqual({
      input_tokens: 10,
      input_tokens_details: { cached_tokens: 4 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 2 },
      total_tokens: 15,
    });
  });

  it("the SSE writer names and numbers every event", () => {
    const write = createSseWriter();
    expect(write([{ type: "a" }, { type: "b", x: 1 }])).toBe(
      'event: a\ndata: {"type":"a","sequence_number":0}\n\nevent: b\ndata: {"type":"b","x":1,"sequence_number":1}\n\n',
    );
  });
});
