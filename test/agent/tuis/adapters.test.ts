import { describe, expect, it } from "vitest";
import { aiderSpec } from "../../../src/agent/tuis/aider.js";
import { codexSpec, parseCodexOutput } from "../../../src/agent/tuis/codex.js";
import type { ExternalTuiSpec, TuiLaunchInput } from "../../../src/agent/tuis/external-tui.js";
import { gooseSpec } from "../../../src/agent/tuis/goose.js";
import {
  opencodePlatformPackage,
  opencodeSpec,
  parseOpencodeOutput,
} from "../../../src/agent/tuis/opencode.js";
import { parsePiOutput, piSpec } from "../../../src/agent/tuis/pi.js";
import { parseQwenOutput, qwenCodeSpec } from "../../../src/agent/tuis/qwen-code.js";
import { buildTuiEnv } from "../../../src/agent/tuis/run-external-tui.js";

const CELL = "/tmp/cab-cell-test";
const input: TuiLaunchInput = {
  workspaceDir: `${CELL}/workspace`,
  home: `${CELL}/home`,
  tmp: `${CELL}/tmp`,
  baseURL: "http://127.0.0.1:40123/v1",
  apiKey: "cab-local-0123456789abcdef",
  model: "qwen3-coder",
  prompt: "# Fix saveAll\n\nMake the tests pass.",
  program: ["/usr/bin/node", "/cache/tui/cli.js"],
};
/** What the user's shell holds: none of it may reach a TUI. */
const PARENT_ENV = {
  PATH: "/usr/bin:/bin",
  HOME: "/home/user",
  LANG: "C.UTF-8",
  OPENAI_API_KEY: "sk-user-openai-secret",
  OPENAI_BASE_URL: "https://api.example.com/v1",
  ANTHROPIC_API_KEY: "sk-ant-user-secret",
  GEMINI_API_KEY: "gemini-user-secret",
  DASHSCOPE_API_KEY: "dashscope-user-secret",
  CAB_KEY: "sk-cab-user-secret",
  HTTPS_PROXY: "http://proxy.example.com:3128",
};
const USER_SECRETS = Object.entries(PARENT_ENV)
  .filter(([name]) => /KEY|BASE_URL|PROXY/.test(name))
  .map(([, value]) => value);

const SPECS: ExternalTuiSpec[] = [
  piSpec,
  qwenCodeSpec,
  opencodeSpec,
  codexSpec,
  aiderSpec("/usr/local/bin/aider", "0.86.2"),
  gooseSpec("/usr/local/bin/goose", "1.9.0"),
];

describe.each(SPECS.map((spec) => [spec.name, spec] as const))("%s launch", (_name, spec) => {
  const launch = spec.launch(input);
  const env = buildTuiEnv(input, launch, "bwrap", PARENT_ENV);
  const everything = JSON.stringify({ argv: launch.argv, env, files: launch.files });

  it("starts the TUI's program with the task prompt, in its private home", () => {
    expect(launch.argv.slice(0, input.program.length)).toEqual(input.program);
    expect(launch.argv).toContain(input.prompt);
    expect(env).toMatchObject({
      HOME: input.home,
      TMPDIR: input.tmp,
      CAB_SANDBOX: "bwrap",
      DO_NOT_TRACK: "1",
    });
    for (const name of ["XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"])
      expect(env[name]?.startsWith(`${input.home}/`), name).toBe(true);
  });

  it("points the TUI at the proxy with the per-cell key, and at nothing else", () => {
    expect(everything).toContain(input.apiKey);
    expect(everything).toContain(spec.name === "goose" ? "http://127.0.0.1:40123" : input.baseURL);
    for (const secret of USER_SECRETS) expect(everything).not.toContain(secret);
  });

  it("writes its config files outside the workspace, in the TUI's home", () => {
    for (const file of launch.files) {
      expect(file.path.startsWith(`${input.home}/`), file.path).toBe(true);
      expect(file.path.startsWith(input.workspaceDir)).toBe(false);
    }
  });
});

describe("launch details", () => {
  it("pi: a models.json provider for the proxy, the key by variable name, offline", () => {
    const launch = piSpec.launch(input);
    expect(launch.argv.slice(2)).toEqual([
      "-p",
      "--mode",
      "json",
      "--provider",
      "cab",
      "--model",
      "qwen3-coder",
      "--no-session",
      input.prompt,
    ]);
    expect(launch.env).toMatchObject({ PI_OFFLINE: "1", PI_TELEMETRY: "0", PI_SKIP_VERSION_CHECK: "1" });
    const models = JSON.parse(launch.files[0]?.content ?? "{}");
    expect(models.providers.cab).toMatchObject({
      baseUrl: input.baseURL,
      api: "openai-completions",
      apiKey: "CAB_PROXY_KEY",
      models: [{ id: "qwen3-coder" }],
    });
    expect(launch.files[0]?.path).toBe(`${CELL}/home/.pi/agent/models.json`);
  });

  it("qwen-code: openai auth from the environment, yolo, usage statistics off", () => {
    const launch = qwenCodeSpec.launch(input);
    expect(launch.argv.slice(2, -1)).toEqual(["--auth-type", "openai", "--yolo", "--output-format", "json"]);
    expect(launch.env).toEqual({
      OPENAI_API_KEY: input.apiKey,
      OPENAI_BASE_URL: input.baseURL,
      OPENAI_MODEL: "qwen3-coder",
    });
    expect(JSON.parse(launch.files[0]?.content ?? "{}")).toMatchObject({
      privacy: { usageStatisticsEnabled: false },
      telemetry: { enabled: false },
    });
  });

  it("opencode: its own config file, the workspace's ignored, npm kept off the network", () => {
    const launch = opencodeSpec.launch(input);
    expect(launch.argv.slice(2)).toEqual([
      "run",
      "--format",
      "json",
      "--dangerously-skip-permissions",
      "-m",
      "cab/qwen3-coder",
      input.prompt,
    ]);
    expect(launch.env).toMatchObject({
      OPENCODE_CONFIG: `${CELL}/home/.config/cab-opencode.json`,
      OPENCODE_DISABLE_PROJECT_CONFIG: "1",
      OPENCODE_DISABLE_MODELS_FETCH: "1",
      OPENCODE_DISABLE_AUTOUPDATE: "1",
      npm_config_offline: "true",
      // Its ripgrep download from github.com goes to a closed loopback port instead.
      HTTPS_PROXY: "http://127.0.0.1:9",
      NO_PROXY: "127.0.0.1,localhost",
    });
    const config = JSON.parse(launch.files[0]?.content ?? "{}");
    expect(config).toMatchObject({
      model: "cab/qwen3-coder",
      small_model: "cab/qwen3-coder",
      autoupdate: false,
      share: "disabled",
      provider: { cab: { options: { baseURL: input.baseURL, apiKey: "{env:CAB_PROXY_KEY}" } } },
    });
  });

  it("codex: the Responses wire API to the proxy, features that phone home disabled", () => {
    const launch = codexSpec.launch(input);
    expect(launch.argv).toEqual(
      expect.arrayContaining([
        "exec",
        "--json",
        "--ephemeral",
        "--skip-git-repo-check",
        "-C",
        input.workspaceDir,
      ]),
    );
    for (const feature of ["plugins", "apps", "tool_suggest"])
      expect(launch.argv.join(" ")).toContain(`--disable ${feature}`);
    expect(launch.env.CODEX_HOME).toBe(`${CELL}/home/.codex`);
    expect(launch.files[0]?.content).toContain('wire_api = "responses"');
    expect(launch.files[0]?.content).toContain(`base_url = "${input.baseURL}"`);
    expect(launch.files[0]?.content).toContain("check_for_update_on_startup = false");
  });

  it("goose: host and path apart, auto mode, telemetry off", () => {
    const launch = gooseSpec("/usr/bin/goose", "1.9.0").launch(input);
    expect(launch.env).toMatchObject({
      OPENAI_HOST: "http://127.0.0.1:40123",
      OPENAI_BASE_PATH: "v1/chat/completions",
      GOOSE_MODE: "auto",
      GOOSE_TELEMETRY_ENABLED: "false",
    });
  });

  it("aider: no commits, no update check, no analytics, LiteLLM's price map local", () => {
    const launch = aiderSpec("/usr/bin/aider", "0.86.2").launch(input);
    expect(launch.argv).toEqual(
      expect.arrayContaining(["--no-auto-commits", "--no-check-update", "--analytics-disable"]),
    );
    expect(launch.env).toMatchObject({
      OPENAI_API_BASE: input.baseURL,
      LITELLM_LOCAL_MODEL_COST_MAP: "True",
    });
  });
});

describe("opencodePlatformPackage", () => {
  it.each([
    ["linux", "x64", "flags : sse avx2 fma", "opencode-linux-x64"],
    ["linux", "x64", "flags : sse sse2", "opencode-linux-x64-baseline"],
    ["linux", "arm64", "", "opencode-linux-arm64"],
    ["darwin", "arm64", "", "opencode-darwin-arm64"],
  ] as const)("%s %s (cpuinfo %j) → %s", (platform, arch, cpuinfo, expected) => {
    expect(opencodePlatformPackage(platform, arch, () => cpuinfo)).toBe(expected);
  });
});

describe("reading what the TUI reports", () => {
  it("pi: sums assistant usage, keeps the last assistant text", () => {
    const lines = [
      { type: "message_end", message: { role: "user", content: "task" } },
      {
        type: "message_end",
        message: { role: "assistant", content: [{ type: "toolCall" }], usage: { input: 100, output: 10 } },
      },
      {
        type: "message_end",
        message: {
          role: "assistant",
          content: [{ type: "text", text: "Done." }],
          usage: { input: 150, output: 5 },
        },
      },
    ];
    expect(parsePiOutput(`${lines.map((l) => JSON.stringify(l)).join("\n")}\n`)).toEqual({
      finalMessage: "Done.",
      usage: { input: 250, output: 15 },
    });
  });

  it("qwen-code: the result event of its JSON array", () => {
    const out = JSON.stringify([
      { type: "system" },
      { type: "result", result: " Fixed it. ", usage: { input_tokens: 333, output_tokens: 66 } },
    ]);
    expect(parseQwenOutput(`warning: something\n${out}\n`)).toEqual({
      finalMessage: "Fixed it.",
      usage: { input: 333, output: 66 },
    });
  });

  it("opencode: text parts and step_finish tokens", () => {
    const out = [
      { type: "step_finish", part: { tokens: { input: 10, output: 2 } } },
      { type: "text", part: { text: "All tests pass." } },
      { type: "step_finish", part: { tokens: { input: 20, output: 3 } } },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    expect(parseOpencodeOutput(out)).toEqual({
      finalMessage: "All tests pass.",
      usage: { input: 30, output: 5 },
    });
  });

  it("codex: agent messages and turn.completed usage", () => {
    const out = [
      { type: "item.completed", item: { type: "agent_message", text: "Fixed." } },
      { type: "turn.completed", usage: { input_tokens: 300, output_tokens: 40 } },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    expect(parseCodexOutput(out)).toEqual({ finalMessage: "Fixed.", usage: { input: 300, output: 40 } });
  });

  it("no usage at all is null, not zero", () => {
    expect(parsePiOutput("not json\n")).toEqual({ finalMessage: "", usage: null });
    expect(parseCodexOutput("")).toEqual({ finalMessage: "", usage: null });
  });
});
