import { join } from "node:path";

/**
 * Toolchain variables the harness fixes for every check, over anything a task or the agent chose. The
 * check's HOME is fresh, so per-user configuration (`go env -w`, `~/.cargo/config.toml`, pip.conf)
 * is empty; these close what a fresh HOME does not: cargo's home (its config.toml is read from there),
 * Go's workspace and toolchain switching, Python's user site.
 */
export function pinnedToolchainEnv(checkHome: string): Record<string, string> {
  return {
    CARGO_HOME: join(checkHome, ".cargo"),
    CARGO_NET_OFFLINE: "true",
    GOTOOLCHAIN: "local",
    GOWORK: "off",
    GOPROXY: "off",
    PYTHONNOUSERSITE: "1",
    PYTHONDONTWRITEBYTECODE: "1",
  };
}
