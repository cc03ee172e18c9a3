import { describe, expect, it } from "vitest";
import { buildCommandEnv, isSecretName } from "../../src/exec/scrub-env.js";

const SECRETS = {
  OPENAI_API_KEY: "sk-openai",
  CAB_KEY: "cab-secret",
  GITHUB_TOKEN: "ghp_x",
  AWS_SECRET_ACCESS_KEY: "aws-secret",
  MY_PASSWORD: "hunter2",
};
const source = {
  ...SECRETS,
  PATH: "/opt/tools/bin:/usr/bin",
  HOME: "/home/real",
  TMPDIR: "/tmp/real",
  LANG: "C.UTF-8",
  SOME_RANDOM_VAR: "x",
};

describe("buildCommandEnv", () => {
  const env = buildCommandEnv({ home: "/cell/home", tmpdir: "/cell/tmp", source, extra: { ...SECRETS } });

  it.each(Object.keys(SECRETS))("%s never passes, not even through extra", (name) => {
    expect(env[name]).toBeUndefined();
    expect(Object.values(env)).not.toContain(SECRETS[name as keyof typeof SECRETS]);
  });

  it.each([
    ["HOME", "/cell/home"],
    ["TMPDIR", "/cell/tmp"],
    ["XDG_CACHE_HOME", "/cell/home/.cache"],
    ["XDG_CONFIG_HOME", "/cell/home/.config"],
    ["PATH", "/opt/tools/bin:/usr/bin"],
    ["LANG", "C.UTF-8"],
    ["GIT_TERMINAL_PROMPT", "0"],
    ["SOME_RANDOM_VAR", undefined],
  ])("%s is %s", (name, expected) => {
    expect(env[name]).toBe(expected);
  });

  it("passes harmless extra variables and falls back to a default PATH", () => {
    const bare = buildCommandEnv({ home: "/h", tmpdir: "/t", source: {}, extra: { RUST_BACKTRACE: "1" } });
    expect(bare.RUST_BACKTRACE).toBe("1");
    expect(bare.PATH).toBe("/usr/local/bin:/usr/bin:/bin");
  });
});

describe("isSecretName", () => {
  it.each([
    ["OPENAI_API_KEY", true],
    ["CAB_KEY", true],
    ["GITHUB_TOKEN", true],
    ["AWS_SECRET_ACCESS_KEY", true],
    ["AWS_REGION", true],
    ["MY_PASSWORD", true],
    ["DB_PASSWD", true],
    ["CLIENT_SECRET", true],
    ["GOOGLE_APPLICATION_CREDENTIALS", true],
    ["api_key", true],
    ["PATH", false],
    ["KEYBOARD", false],
    ["RUST_BACKTRACE", false],
  ])("%s: %s", (name, expected) => {
    expect(isSecretName(name)).toBe(expected);
  });
});
