import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
// Type only: loading sandbox.ts (child_process, bwrap probing) here would slow `cab list`, which validates env names.
import type { SandboxMode } from "./sandbox.js";

/** Carries the sandbox mode in a command's environment, so every runner of that environment applies it. */
export const SANDBOX_ENV = "CAB_SANDBOX";

/** Variables passed through to commands the agent or a check runs; everything else is dropped. */
const ALLOWED = ["PATH", "LANG", "LC_ALL", "LC_CTYPE", "TERM", "TZ", "SHELL", "USER", "LOGNAME"];

/**
 * Toolchains installed per user (rustup, pyenv, a JDK) find themselves through these.
 * With a private HOME they would otherwise look in the wrong place, so they default to the real home.
 */
const TOOLCHAIN_HOMES: Record<string, string> = {
  RUSTUP_HOME: ".rustup",
  CARGO_HOME: ".cargo",
  PYENV_ROOT: ".pyenv",
};
const TOOLCHAIN_PASSTHROUGH = ["JAVA_HOME", "GOROOT", "RUSTUP_TOOLCHAIN", "PYENV_VERSION"];

export interface CommandEnvOptions {
  home: string;
  tmpdir: string;
  /** Recorded in the environment (CAB_SANDBOX), where the command runners read it; default none. */
  sandbox?: SandboxMode;
  /** Variables a task asks for (check.env): untrusted, so neither secrets nor reserved names pass. */
  extra?: Record<string, string>;
  source?: NodeJS.ProcessEnv;
}

/** The environment for a workspace command: allow-listed, private HOME and TMPDIR, never a key. */
export function buildCommandEnv({
  home,
  tmpdir,
  sandbox = "none",
  extra = {},
  source = process.env,
}: CommandEnvOptions) {
  const env: Record<string, string> = {};
  for (const name of [...ALLOWED, ...TOOLCHAIN_PASSTHROUGH]) {
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  const realHome = source.HOME ?? homedir();
  for (const [name, folder] of Object.entries(TOOLCHAIN_HOMES)) {
    const value = source[name] ?? join(realHome, folder);
    if (existsSync(value)) env[name] = value;
  }
  Object.assign(env, {
    HOME: home,
    TMPDIR: tmpdir,
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_CONFIG_HOME: join(home, ".config"),
    PYTHONDONTWRITEBYTECODE: "1",
    NO_COLOR: "1",
    CI: "true",
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_NOSYSTEM: "1",
    [SANDBOX_ENV]: sandbox,
  });
  env.PATH ??= "/usr/local/bin:/usr/bin:/bin";
  for (const [name, value] of Object.entries(extra)) {
    if (!isSecretName(name) && !isReservedName(name)) env[name] = value;
  }
  return env;
}

/**
 * Names the harness sets: the sandbox is built from them (HOME, TMPDIR and the toolchain homes become
 * mounts), so a task cannot choose them — `HOME=/home/you` in check.env would bind your real home.
 */
export function isReservedName(name: string): boolean {
  return (
    /^(HOME|TMPDIR|PATH|LD_PRELOAD|LD_LIBRARY_PATH)$/.test(name) ||
    /^(XDG_|CAB_)/.test(name) ||
    Object.hasOwn(TOOLCHAIN_HOMES, name) ||
    TOOLCHAIN_PASSTHROUGH.includes(name)
  );
}

/** Names that look like credentials: never handed to a child process. */
export function isSecretName(name: string): boolean {
  return /(_KEY|_TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL)/i.test(name) || /^(AWS|GOOGLE|AZURE)_/.test(name);
}
