import type { ExternalTuiSpec } from "./external-tui.js";
import { type InstalledCommandTui, lastLines } from "./installed-command.js";

/**
 * aider (PyPI `aider-chat`), wired as its docs say: one message, yes to everything, no commits, no update
 * check or analytics, the proxy as an OpenAI-compatible base through LiteLLM (`openai/<model>`).
 * It prints text only, so its own usage is not read; the proxy's tokens count.
 */
export function aiderSpec(path: string, version: string): ExternalTuiSpec {
  return {
    name: "aider",
    version,
    package: null,
    program: () => [path],
    launch(input) {
      return {
        argv: [
          ...input.program,
          "--message",
          input.prompt,
          "--yes-always",
          "--no-auto-commits",
          "--no-check-update",
          "--analytics-disable",
          "--no-show-model-warnings",
          "--no-pretty",
          "--no-fancy-input",
          "--model",
          `openai/${input.model}`,
        ],
        env: {
          OPENAI_API_BASE: input.baseURL,
          OPENAI_API_KEY: input.apiKey,
          // LiteLLM would otherwise fetch its price map from GitHub at startup.
          LITELLM_LOCAL_MODEL_COST_MAP: "True",
        },
        files: [],
      };
    },
    parseOutput: (stdout) => ({ finalMessage: lastLines(stdout), usage: null }),
  };
}

export const aiderCommand: InstalledCommandTui = {
  name: "aider",
  command: "aider",
  installHint:
    "Install it with `python -m pip install aider-install && aider-install` (needs Python 3.9–3.12).",
  spec: aiderSpec,
};
