import { describe, expect, it } from "vitest";
import { codexSpec } from "../../../src/agent/tuis/codex.js";
import type { ExternalTuiSpec } from "../../../src/agent/tuis/external-tui.js";
import { opencodeSpec } from "../../../src/agent/tuis/opencode.js";
import { piSpec } from "../../../src/agent/tuis/pi.js";
import { qwenCodeSpec } from "../../../src/agent/tuis/qwen-code.js";
import {
  expectSolvedThroughProxy,
  type SolvedDemoTask,
  skipReason,
  solveDemoTask,
  TUI_TEST_TIMEOUT_MS,
  toolNamesOffered,
} from "./solve-demo-task.js";

interface NpmTuiCase {
  spec: ExternalTuiSpec;
  /** The version run: the benchmark's where the registry has it and it runs on Node 20. */
  version: string;
  tools: string[];
  /** What only this TUI does. */
  also?: (solved: SolvedDemoTask) => void;
}

const CASES: NpmTuiCase[] = [
  { spec: piSpec, version: "0.73.1", tools: ["read", "write", "bash"] },
  // 0.16.1, which the benchmark publishes, is not on the registry: the newest for Node 20 runs instead.
  { spec: qwenCodeSpec, version: "0.15.10", tools: ["read_file", "write_file", "run_shell_command"] },
  {
    // 1.15.10 is not on the registry; the nearest release after it runs.
    spec: opencodeSpec,
    version: "1.15.13",
    tools: ["read", "write", "bash"],
    // Its session-title request (no tools) goes to the same model.
    also: (solved) => expect(solved.endpoint.requests[0]?.body.tools ?? []).toEqual([]),
  },
  {
    spec: codexSpec,
    version: "0.140.0",
    tools: ["exec_command"],
    // codex speaks only the Responses API: the proxy translated every turn to chat completions.
    also: (solved) => {
      const log = solved.process.attrs.proxy_log as { method: string; path: string }[];
      const posts = log.filter((entry) => entry.method === "POST").map((entry) => entry.path);
      expect(new Set(posts)).toEqual(new Set(["/v1/responses"]));
    },
  },
];

// Slow (each installs its pinned TUI into a shared temp cache on first use) and run in CI: skipped only
// when the npm registry is unreachable and the TUI is not cached, with the reason shown.
describe.each(CASES)("--tui $spec.name", ({ spec, version, tools, also }) => {
  it(
    `installs ${spec.name} ${version} and solves the demo task through the metering proxy`,
    async (context) => {
      const reason = await skipReason(spec);
      context.skip(reason !== null, reason ?? undefined);
      expect(spec.version).toBe(version);
      const solved = await solveDemoTask(spec);
      expectSolvedThroughProxy(solved, spec);
      expect(toolNamesOffered(solved)).toEqual(expect.arrayContaining(tools));
      also?.(solved);
    },
    TUI_TEST_TIMEOUT_MS,
  );
});
