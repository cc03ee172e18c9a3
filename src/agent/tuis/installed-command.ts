import { execFileSync } from "node:child_process";
import { UsageError } from "../../errors.js";
import { findExecutable } from "../../exec/find-executable.js";
import type { Tui } from "../tui.js";
import { defineExternalTui, type ExternalTuiSpec } from "./external-tui.js";

/** A TUI the user installs (not from npm): found on PATH, its version asked with `--version`. */
export interface InstalledCommandTui {
  name: string;
  command: string;
  /** How to install it, for the "not installed" message. */
  installHint: string;
  /** The spec for the command found at `path`, reporting `version`. */
  spec(path: string, version: string): ExternalTuiSpec;
}

/** The adapter for an installed command, or a UsageError saying how to install it. */
export function resolveInstalledCommand(
  tui: InstalledCommandTui,
  pathVariable: string | undefined = process.env.PATH,
): Tui {
  const path = findExecutable(tui.command, pathVariable);
  if (!path) {
    throw new UsageError(
      `--tui ${tui.name}: not installed: \`${tui.command}\` is not on PATH. ${tui.installHint} (cab installs only the npm TUIs: pi, qwen-code, opencode, codex)`,
    );
  }
  return defineExternalTui(tui.spec(path, commandVersion(path)));
}

/** The first version number `<command> --version` prints, or "unknown". */
function commandVersion(path: string): string {
  try {
    const output = execFileSync(path, ["--version"], {
      encoding: "utf8",
      timeout: 30_000,
      stdio: ["ignore", "pipe", "pipe"],
    });
    return /\d+\.\d+(\.\d+)?/.exec(output)?.[0] ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** The last non-empty lines of a plain-text transcript: the closing words of a TUI without JSON output. */
export function lastLines(text: string, count = 20): string {
  return text.trim().split("\n").slice(-count).join("\n").trim();
}
