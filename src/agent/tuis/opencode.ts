import { readFileSync } from "node:fs";
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

/** The benchmark publishes 1.15.10, which is not on the registry; 1.15.13 is the nearest release after it. */
export const OPENCODE_VERSION = "1.15.13";

/**
 * Switches that keep opencode off the network (model catalogue, update check, LSP downloads, default
 * plugins, sharing) and away from other agents' config and the workspace's own opencode.json.
 */
const OPENCODE_QUIET_ENV = {
  OPENCODE_DISABLE_MODELS_FETCH: "1",
  OPENCODE_DISABLE_AUTOUPDATE: "1",
  OPENCODE_DISABLE_LSP_DOWNLOAD: "1",
  OPENCODE_DISABLE_DEFAULT_PLUGINS: "1",
  OPENCODE_DISABLE_SHARE: "1",
  OPENCODE_DISABLE_CLAUDE_CODE: "1",
  OPENCODE_DISABLE_EXTERNAL_SKILLS: "1",
  OPENCODE_DISABLE_PROJECT_CONFIG: "1",
  OPENCODE_DISABLE_EMBEDDED_WEB_UI: "1",
  // It still runs npm in the background to add @opencode-ai/plugin to its config folder, which no run
  // needs: npm goes offline and to a registry on a closed loopback port, so nothing leaves the machine.
  npm_config_offline: "true",
  npm_config_registry: "http://127.0.0.1:9/",
  // Without `rg` on PATH it downloads ripgrep from github.com: its HTTP client (Bun's fetch) is sent to a
  // closed loopback port for every host but the proxy's, so that download fails at once and the grep and
  // glob tools fall back to their built-in search.
  HTTP_PROXY: "http://127.0.0.1:9",
  HTTPS_PROXY: "http://127.0.0.1:9",
  NO_PROXY: "127.0.0.1,localhost",
};

/**
 * The npm package holding this machine's opencode binary. `opencode-ai` itself only picks one of 12
 * platform packages in a postinstall script (and npm would fetch four Linux ones, 550 MB): install the
 * right one directly, the way that script chooses it.
 */
export function opencodePlatformPackage(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
  cpuinfo: () => string = () => readFileSync("/proc/cpuinfo", "utf8"),
): string {
  const os = platform === "win32" ? "windows" : platform;
  let avx2 = true;
  if (platform === "linux" && arch === "x64") {
    try {
      avx2 = /(^|\s)avx2(\s|$)/i.test(cpuinfo());
    } catch {
      avx2 = false;
    }
  }
  return `opencode-${os}-${arch}${arch === "x64" && !avx2 ? "-baseline" : ""}`;
}

let platformPackage: string | null = null;
/** This machine's package, found when first needed (not at import: /proc/cpuinfo is read). */
function thisPlatformPackage(): string {
  platformPackage ??= opencodePlatformPackage();
  return platformPackage;
}

/** opencode (sst): `opencode run --format json`; chat completions through @ai-sdk/openai-compatible. */
export const opencodeSpec: ExternalTuiSpec = {
  name: "opencode",
  version: OPENCODE_VERSION,
  versionNote:
    "the benchmark publishes 1.15.10, which is not on the npm registry; 1.15.13 is the nearest release after it",
  get package() {
    const name = thisPlatformPackage();
    return { id: `${name}@${OPENCODE_VERSION}`, specs: [`${name}@${OPENCODE_VERSION}`] };
  },
  program: (installDir) => [join(installDir, "node_modules", thisPlatformPackage(), "bin", "opencode")],
  launch(input) {
    const configPath = join(input.home, ".config", "cab-opencode.json");
    const model = `${PROXY_PROVIDER}/${input.model}`;
    const config = {
      $schema: "https://opencode.ai/config.json",
      provider: {
        [PROXY_PROVIDER]: {
          npm: "@ai-sdk/openai-compatible",
          name: "CodingAgentBench proxy",
          options: { baseURL: input.baseURL, apiKey: `{env:${PROXY_KEY_VARIABLE}}` },
          models: { [input.model]: { name: input.model, limit: { context: 128_000, output: 8_192 } } },
        },
      },
      model,
      // The session-title request goes to the same model (its default would be a provider's small model).
      small_model: model,
      permission: { edit: "allow", bash: "allow", webfetch: "deny", external_directory: "allow" },
      autoupdate: false,
      share: "disabled",
    };
    return {
      argv: [
        ...input.program,
        "run",
        "--format",
        "json",
        "--dangerously-skip-permissions",
        "-m",
        model,
        input.prompt,
      ],
      env: { ...OPENCODE_QUIET_ENV, OPENCODE_CONFIG: configPath, [PROXY_KEY_VARIABLE]: input.apiKey },
      files: [{ path: configPath, content: `${JSON.stringify(config, null, 2)}\n` }],
    };
  },
  parseOutput: parseOpencodeOutput,
};

/** `--format json` JSONL: `text` parts carry the answer, each `step_finish` its step's tokens. */
export function parseOpencodeOutput(stdout: string): TuiReport {
  let finalMessage = "";
  let input = 0;
  let output = 0;
  let sawUsage = false;
  for (const event of parseJsonLines(stdout)) {
    const part = event.part as { type?: string; text?: string; tokens?: unknown } | undefined;
    if (event.type === "text" && typeof part?.text === "string" && part.text.trim()) {
      finalMessage = part.text.trim();
    }
    if (event.type === "step_finish" && part?.tokens) {
      sawUsage = true;
      input += numberAt(part.tokens, "input");
      output += numberAt(part.tokens, "output");
    }
  }
  return { finalMessage, usage: sawUsage ? { input, output } : null };
}

export const opencode = defineExternalTui(opencodeSpec);
