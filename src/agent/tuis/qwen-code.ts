import { join } from "node:path";
import {
  defineExternalTui,
  type ExternalTuiSpec,
  numberAt,
  parseJsonLines,
  type TuiReport,
} from "./external-tui.js";

/** The benchmark publishes 0.16.1, which is not on the registry; 0.15.10 is the newest for Node 20. */
export const QWEN_CODE_VERSION = "0.15.10";
const QWEN_PACKAGE = "@qwen-code/qwen-code";

/** Usage statistics (Aliyun RUM), telemetry and update checks off: no lookups outside loopback. */
const QWEN_SETTINGS = {
  privacy: { usageStatisticsEnabled: false },
  general: { disableAutoUpdate: true, disableUpdateNag: true },
  telemetry: { enabled: false },
};

/** Qwen Code: `qwen --auth-type openai --yolo --output-format json PROMPT`; chat completions, streaming. */
export const qwenCodeSpec: ExternalTuiSpec = {
  name: "qwen-code",
  version: QWEN_CODE_VERSION,
  versionNote:
    "the benchmark publishes 0.16.1, which is not on the npm registry; 0.15.10 is the newest release that supports Node 20",
  package: { id: `${QWEN_PACKAGE}@${QWEN_CODE_VERSION}`, specs: [`${QWEN_PACKAGE}@${QWEN_CODE_VERSION}`] },
  program: (installDir) => [process.execPath, join(installDir, "node_modules", QWEN_PACKAGE, "cli.js")],
  launch(input) {
    return {
      argv: [...input.program, "--auth-type", "openai", "--yolo", "--output-format", "json", input.prompt],
      env: {
        OPENAI_API_KEY: input.apiKey,
        OPENAI_BASE_URL: input.baseURL,
        OPENAI_MODEL: input.model,
      },
      files: [
        {
          path: join(input.home, ".qwen", "settings.json"),
          content: `${JSON.stringify(QWEN_SETTINGS, null, 2)}\n`,
        },
      ],
    };
  },
  parseOutput: parseQwenOutput,
};

/** `--output-format json` prints one JSON array; its `{"type":"result"}` holds the answer and usage. */
export function parseQwenOutput(stdout: string): TuiReport {
  const events = parseEvents(stdout);
  const result = events.findLast((event) => event.type === "result");
  if (!result) return { finalMessage: "", usage: null };
  const usage = result.usage;
  return {
    finalMessage: typeof result.result === "string" ? result.result.trim() : "",
    usage: usage
      ? { input: numberAt(usage, "input_tokens"), output: numberAt(usage, "output_tokens") }
      : null,
  };
}

function parseEvents(stdout: string): Record<string, unknown>[] {
  const start = stdout.indexOf("[");
  if (start >= 0) {
    try {
      const value: unknown = JSON.parse(stdout.slice(start, stdout.lastIndexOf("]") + 1));
      if (Array.isArray(value)) return value.filter((event) => event && typeof event === "object");
    } catch {
      // not one array: read it as JSONL (stream-json)
    }
  }
  return parseJsonLines(stdout);
}

export const qwenCode = defineExternalTui(qwenCodeSpec);
