import type { Tui } from "../tui.js";
import type { TuiPackage } from "./install-tui.js";

/** The provider name every TUI's config gives the metering proxy (pi and codex: `cab`; opencode models `cab/<model>`). */
export const PROXY_PROVIDER = "cab";
/** The variable that holds the proxy's per-cell key: configs name it instead of holding the key. */
export const PROXY_KEY_VARIABLE = "CAB_PROXY_KEY";

/** What an adapter needs to build one TUI invocation; every path is absolute. */
export interface TuiLaunchInput {
  workspaceDir: string;
  /** The TUI's private home (the cell's, outside the workspace): its config and state go here. */
  home: string;
  tmp: string;
  /** The metering proxy's URL (…/v1) and its per-cell key: never the user's endpoint or key. */
  baseURL: string;
  apiKey: string;
  model: string;
  prompt: string;
  /** How to start the TUI: `node <entry>` or a binary, from the install folder or PATH. */
  program: string[];
}

/** One invocation: argv, the variables the TUI needs on top of the scrubbed base, config files. */
export interface TuiLaunch {
  argv: string[];
  env: Record<string, string>;
  /** Written before the TUI starts; always under `home`, never in the workspace. */
  files: { path: string; content: string }[];
}

/** What the TUI itself said it did, read from its stdout (kept as trace attrs; tokens come from the proxy). */
export interface TuiReport {
  finalMessage: string;
  usage: { input: number; output: number } | null;
}

/** An adapter for a third-party coding agent CLI: pure builders, no I/O. */
export interface ExternalTuiSpec {
  name: string;
  /** The version actually run (what run_identity.tui_version records). */
  version: string;
  /** Why this version and not the benchmark's, when they differ. */
  versionNote?: string;
  /** Installed from npm on first use; null for a command the user installed (found on PATH). */
  package: TuiPackage | null;
  /** The argv prefix that starts the TUI, from its install folder (null package: the folder is unused). */
  program(installDir: string): string[];
  launch(input: TuiLaunchInput): TuiLaunch;
  parseOutput(stdout: string): TuiReport;
}

/** A Tui backed by an ExternalTuiSpec; the running part is loaded only when a cell runs. */
export function defineExternalTui(spec: ExternalTuiSpec): Tui & { spec: ExternalTuiSpec } {
  return {
    name: spec.name,
    version: spec.version,
    needsEndpoint: true,
    spec,
    async prepare(log) {
      if (!spec.package) return;
      const { installTui } = await import("./install-tui.js");
      await installTui(spec.package, { log });
    },
    async run(context) {
      const { runExternalTui } = await import("./run-external-tui.js");
      return runExternalTui(spec, context);
    },
  };
}

/** The lines of a JSONL text that parse as JSON objects (TUIs mix in the odd plain line). */
export function parseJsonLines(text: string): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("{")) continue;
    try {
      const value: unknown = JSON.parse(trimmed);
      if (value && typeof value === "object" && !Array.isArray(value))
        events.push(value as Record<string, unknown>);
    } catch {
      // a cut or non-JSON line
    }
  }
  return events;
}

/** A number at a path of an unknown value, or 0. */
export function numberAt(value: unknown, ...path: string[]): number {
  let current = value;
  for (const key of path) {
    if (!current || typeof current !== "object") return 0;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === "number" && Number.isFinite(current) ? current : 0;
}
