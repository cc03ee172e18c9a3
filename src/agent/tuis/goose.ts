import { type ExternalTuiSpec, parseJsonLines } from "./external-tui.js";
import { type InstalledCommandTui, lastLines } from "./installed-command.js";

/**
 * goose (block), wired as its docs say: `goose run -t PROMPT` headless in auto mode with the OpenAI
 * provider pointed at the proxy (host and path are separate settings), telemetry and keyring off.
 */
export function gooseSpec(path: string, version: string): ExternalTuiSpec {
  return {
    name: "goose",
    version,
    package: null,
    program: () => [path],
    launch(input) {
      const base = new URL(input.baseURL);
      return {
        argv: [
          ...input.program,
          "run",
          "-t",
          input.prompt,
          "--no-session",
          "--quiet",
          "--output-format",
          "json",
        ],
        env: {
          GOOSE_MODE: "auto",
          GOOSE_PROVIDER: "openai",
          GOOSE_MODEL: input.model,
          OPENAI_HOST: base.origin,
          OPENAI_BASE_PATH: `${base.pathname.replace(/^\/+|\/+$/g, "")}/chat/completions`,
          OPENAI_API_KEY: input.apiKey,
          GOOSE_TELEMETRY_ENABLED: "false",
          GOOSE_TELEMETRY_OFF: "1",
          GOOSE_DISABLE_KEYRING: "1",
        },
        files: [],
      };
    },
    parseOutput(stdout) {
      // The JSON's shape is not pinned here: the last text any message carries, else the output's tail.
      let parsed: unknown;
      try {
        parsed = JSON.parse(stdout);
      } catch {
        parsed = parseJsonLines(stdout);
      }
      const texts = [...JSON.stringify(parsed).matchAll(/"text":("(?:[^"\\]|\\.)*")/g)].map(
        (match) => JSON.parse(match[1] as string) as string,
      );
      return { finalMessage: texts.at(-1)?.trim() || lastLines(stdout), usage: null };
    },
  };
}

export const gooseCommand: InstalledCommandTui = {
  name: "goose",
  command: "goose",
  installHint:
    "Install the goose CLI from its GitHub releases (https://block.github.io/goose/docs/getting-started/installation) or with `brew install block-goose-cli`.",
  spec: gooseSpec,
};
