import { join } from "node:path";
import {
  defineExternalTui,
  type ExternalTuiSpec,
  numberAt,
  PROXY_KEY_VARIABLE,
  PROXY_PROVIDER,
  parseJsonLines,
  type TuiReport,
} from "./external-tui.js";

/** The version the benchmark publishes; it runs on Node 20 (engines >= 20.6). */
export const PI_VERSION = "0.73.1";
const PI_PACKAGE = "@mariozechner/pi-coding-agent";

/** pi (badlogic/pi-mono): `pi -p --mode json`; no permission prompts by design, so always auto-approve. */
export const piSpec: ExternalTuiSpec = {
  name: "pi",
  version: PI_VERSION,
  package: { id: `${PI_PACKAGE}@${PI_VERSION}`, specs: [`${PI_PACKAGE}@${PI_VERSION}`] },
  program: (installDir) => [process.execPath, join(installDir, "node_modules", PI_PACKAGE, "dist", "cli.js")],
  launch(input) {
    const agentDir = join(input.home, ".pi", "agent");
    const models = {
      providers: {
        [PROXY_PROVIDER]: {
          baseUrl: input.baseURL,
          api: "openai-completions",
          apiKey: PROXY_KEY_VARIABLE,
          // Plain chat: no `developer` role, no reasoning_effort (strict servers reject both).
          compat: { supportsDeveloperRole: false, supportsReasoningEffort: false },
          models: [{ id: input.model }],
        },
      },
    };
    return {
      argv: [
        ...input.program,
        "-p",
        "--mode",
        "json",
        "--provider",
        PROXY_PROVIDER,
        "--model",
        input.model,
        "--no-session",
        input.prompt,
      ],
      env: {
        PI_CODING_AGENT_DIR: agentDir,
        // No install ping, no version check, no startup network at all.
        PI_OFFLINE: "1",
        PI_TELEMETRY: "0",
        PI_SKIP_VERSION_CHECK: "1",
        [PROXY_KEY_VARIABLE]: input.apiKey,
      },
      files: [{ path: join(agentDir, "models.json"), content: `${JSON.stringify(models, null, 2)}\n` }],
    };
  },
  parseOutput: parsePiOutput,
};

/** pi's `--mode json` JSONL: each assistant `message_end` carries its usage; the last one's text closes. */
export function parsePiOutput(stdout: string): TuiReport {
  let finalMessage = "";
  let input = 0;
  let output = 0;
  let sawUsage = false;
  for (const event of parseJsonLines(stdout)) {
    if (event.type !== "message_end") continue;
    const message = event.message as { role?: string; content?: unknown; usage?: unknown } | undefined;
    if (message?.role !== "assistant") continue;
    if (message.usage) {
      sawUsage = true;
      input += numberAt(message.usage, "input");
      output += numberAt(message.usage, "output");
    }
    const text = textOf(message.content);
    if (text) finalMessage = text;
  }
  return { finalMessage, usage: sawUsage ? { input, output } : null };
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .filter(
      (part): part is { type: string; text: string } =>
        part?.type === "text" && typeof part.text === "string",
    )
    .map((part) => part.text)
    .join("\n")
    .trim();
}

export const pi = defineExternalTui(piSpec);
