import { TOOL_SCHEMAS } from "../agent/builtin/tool-schemas.js";
import type { EndpointFault } from "../agent/endpoint/classify-error.js";
import { attempt, faultDetail, faultResult, quote } from "./attempt.js";
import { type RawCompletion, sendChat, textOf } from "./chat-call.js";
import { type ProbeContext, type ProbeResult, probeResult } from "./types.js";

const FINISH_TOOL = TOOL_SCHEMAS.filter((tool) => tool.function.name === "finish");
const TOOL_MESSAGES = [
  { role: "user", content: 'Call the finish tool with the message "ok". Do not answer in text.' },
];
/** Room for a short tool call, and for a reasoning model to think a little first. */
export const TOOL_MAX_TOKENS = 512;

// What a tool call looks like when the server failed to parse it out of the model's text (endpoints §3.1).
const TEXT_TOOL_CALL = /<tool_call>|<\|python_start\|>|<function=|\[TOOL_CALLS\]|"name"\s*:\s*"finish"/;

const PARSER_HINT =
  "the server did not turn the model's tool call into tool_calls: vLLM: pick the --tool-call-parser that matches the model; llama.cpp: --jinja; Ollama: a model whose template supports tools";
const ENABLE_TOOLS_HINT =
  "enable tool calling on the server (vLLM: --enable-auto-tool-choice --tool-call-parser NAME; llama.cpp: --jinja) or use a model that supports tools";

/** Probe 5: offer the built-in `finish` tool with tool_choice "auto" and check a proper tool call comes back. */
export async function probeTools(
  ctx: ProbeContext,
): Promise<{ result: ProbeResult; completion: RawCompletion | null }> {
  const model = ctx.model as string;
  const body = { model, messages: TOOL_MESSAGES, tools: FINISH_TOOL, tool_choice: "auto" };
  const got = await attempt(ctx, (signal) => sendChat(ctx, body, TOOL_MAX_TOKENS, signal));
  if (!got.ok) return { result: toolFaultResult(ctx, got.fault, got.ms), completion: null };
  const completion = (got.data ?? {}) as RawCompletion;
  return { result: { ...judgeToolReply(completion, got.ms), ms: got.ms }, completion };
}

function judgeToolReply(completion: RawCompletion, ms: number): ProbeResult {
  const choice = completion.choices?.[0];
  const calls = Array.isArray(choice?.message?.tool_calls) ? choice.message.tool_calls : [];
  const call = calls[0] as { function?: { name?: unknown; arguments?: unknown } } | undefined;
  if (call) {
    const name = call.function?.name;
    const args = call.function?.arguments;
    if (name !== "finish") {
      return probeResult(
        "tools",
        "warn",
        `the model called ${quote(name)}, not the finish tool it was offered`,
        {
          hint: "this model may pick tools unreliably",
        },
      );
    }
    const error = argumentsError(args);
    if (error) {
      return probeResult("tools", "warn", `finish was called, but ${error}: ${quote(args)}`, {
        hint: "the server's tool-call parser or template mangles arguments for this model",
      });
    }
    const note =
      typeof args === "object" ? " (sent as a JSON object, not a string: cab check accepts that)" : "";
    return probeResult("tools", "ok", `finish called with valid JSON arguments in ${ms} ms${note}`);
  }
  const text = textOf(choice?.message?.content);
  if (text && TEXT_TOOL_CALL.test(text)) {
    return probeResult("tools", "warn", `the tool call came back as text in content: ${quote(text)}`, {
      hint: PARSER_HINT,
    });
  }
  if (choice?.finish_reason === "length") {
    return probeResult("tools", "warn", `no tool call before this probe's ${TOOL_MAX_TOKENS}-token cap`, {
      hint: "a reasoning model may need more room (cab check sets no cap); otherwise tool calling is off",
    });
  }
  return probeResult(
    "tools",
    "warn",
    `the model answered in text instead of calling the tool${text ? `: ${quote(text)}` : ""}`,
    { hint: `tool calling may be off on the server or weak in this model: ${ENABLE_TOOLS_HINT}` },
  );
}

/** Why tool-call arguments are unusable, or null when they are a JSON object (as a string or, llama.cpp-style, as is). */
function argumentsError(args: unknown): string | null {
  if (typeof args === "object" && args !== null && !Array.isArray(args)) return null;
  if (typeof args !== "string") return "its arguments are missing";
  try {
    const parsed: unknown = JSON.parse(args);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? null
      : "its arguments are not a JSON object";
  } catch (error) {
    return `its arguments are not valid JSON (${(error as Error).message})`;
  }
}

function toolFaultResult(ctx: ProbeContext, fault: EndpointFault, ms: number): ProbeResult {
  const detail = faultDetail(fault);
  if (fault.kind === "no_tool_support") {
    return probeResult("tools", "fail", detail, { ms, hint: toolSupportHint(detail) });
  }
  if (fault.kind === "tool_use_failed") {
    return probeResult("tools", "warn", detail, { ms, hint: "this model's tool calls are unreliable here" });
  }
  // The same call without tools worked, so a plain 400 here is the server refusing tools
  // (an old vLLM's flat error body even loses the message that would say so).
  if (fault.kind === "bad_request") {
    return probeResult("tools", "fail", `the request with tools was rejected: ${detail}`, {
      ms,
      hint: ENABLE_TOOLS_HINT,
    });
  }
  return faultResult(ctx, "tools", fault, ms);
}

/** Advice for the server whose words the rejection uses (endpoints §3.1). */
function toolSupportHint(message: string): string {
  if (/enable-auto-tool-choice/i.test(message)) {
    return "vLLM: restart it with --enable-auto-tool-choice --tool-call-parser NAME (the parser for this model, e.g. hermes for Qwen, llama3_json for Llama 3)";
  }
  if (/unsupported param: tools/i.test(message)) {
    return "llama.cpp: restart llama-server with --jinja so the model's chat template handles tools";
  }
  if (/no endpoints found/i.test(message)) {
    return "OpenRouter: no provider serves this model with tool use; pick another model or allow more providers";
  }
  if (/does not support tools/i.test(message)) {
    return "Ollama: this model's template has no tool support; pick a model tagged 'tools'";
  }
  return ENABLE_TOOLS_HINT;
}
