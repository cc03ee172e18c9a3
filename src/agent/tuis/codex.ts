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

/** The version the benchmark publishes (node >= 16; the CLI is a Rust binary in a platform package). */
export const CODEX_VERSION = "0.140.0";
const CODEX_PACKAGE = "@openai/codex";
/**
 * Features that reach github.com, api.github.com or chatgpt.com at startup (plugin marketplace sync,
 * apps, tool suggestions), off; with them off codex looks nothing up outside loopback.
 */
const CODEX_DISABLED_FEATURES = ["plugins", "remote_plugin", "apps", "plugin_sharing", "tool_suggest"];

/** TOML basic string: JSON's escaping is a valid subset for the characters a URL or model id holds. */
function tomlString(value: string): string {
  return JSON.stringify(value);
}

/** Codex CLI: `codex exec --json`; it speaks only the Responses API, which the proxy translates to chat. */
export const codexSpec: ExternalTuiSpec = {
  name: "codex",
  version: CODEX_VERSION,
  package: { id: `${CODEX_PACKAGE}@${CODEX_VERSION}`, specs: [`${CODEX_PACKAGE}@${CODEX_VERSION}`] },
  program: (installDir) => [
    process.execPath,
    join(installDir, "node_modules", CODEX_PACKAGE, "bin", "codex.js"),
  ],
  launch(input) {
    const codexHome = join(input.home, ".codex");
    const config = [
      `model = ${tomlString(input.model)}`,
      `model_provider = "${PROXY_PROVIDER}"`,
      "check_for_update_on_startup = false",
      "",
      "[analytics]",
      "enabled = false",
      "",
      `[model_providers.${PROXY_PROVIDER}]`,
      'name = "CodingAgentBench proxy"',
      `base_url = ${tomlString(input.baseURL)}`,
      `env_key = "${PROXY_KEY_VARIABLE}"`,
      // `wire_api = "chat"` is a hard error in current codex: the proxy serves /v1/responses instead.
      'wire_api = "responses"',
      "",
    ].join("\n");
    return {
      argv: [
        ...input.program,
        "exec",
        "--json",
        "--dangerously-bypass-approvals-and-sandbox",
        "--skip-git-repo-check",
        "--ephemeral",
        ...CODEX_DISABLED_FEATURES.flatMap((feature) => ["--disable", feature]),
        "-C",
        input.workspaceDir,
        "-m",
        input.model,
        input.prompt,
      ],
      env: { CODEX_HOME: codexHome, [PROXY_KEY_VARIABLE]: input.apiKey },
      files: [{ path: join(codexHome, "config.toml"), content: config }],
    };
  },
  parseOutput: parseCodexOutput,
};

/** `--json` JSONL: `item.completed` agent messages carry the text, `turn.completed` the turn's usage. */
export function parseCodexOutput(stdout: string): TuiReport {
  let finalMessage = "";
  let input = 0;
  let output = 0;
  let sawUsage = false;
  for (const event of parseJsonLines(stdout)) {
    const item = event.item as { type?: string; text?: string } | undefined;
    if (event.type === "item.completed" && item?.type === "agent_message" && typeof item.text === "string") {
      finalMessage = item.text.trim();
    }
    if (event.type === "turn.completed" && event.usage) {
      sawUsage = true;
      input += numberAt(event.usage, "input_tokens");
      output += numberAt(event.usage, "output_tokens");
    }
  }
  return { finalMessage, usage: sawUsage ? { input, output } : null };
}

export const codex = defineExternalTui(codexSpec);
