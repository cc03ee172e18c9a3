import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect } from "vitest";
import type { ExternalTuiSpec } from "../../../src/agent/tuis/external-tui.js";
import { tuiCacheRoot } from "../../../src/agent/tuis/install-tui.js";
import { DEMO_TASK_ID } from "../../../src/demo/demo-script.js";
import { type DemoMessage, offeredTools, tuiDemoTurn } from "../../../src/demo/tui-demo-script.js";
import type { RunDocument } from "../../../src/report/run-document.js";
import { type FakeEndpoint, startFakeEndpoint } from "../../helpers/fake-endpoint.js";
import { readAllFiles, runCli } from "../../helpers/run-cli.js";

/** One cache for the four TUI tests, kept across runs in a CI job so each TUI downloads once. */
export const E2E_TUI_CACHE = join(tmpdir(), "cab-e2e-tui-cache");
/** Installing (up to ~280 MB) and running a TUI on a shared 2-core runner takes minutes, not seconds. */
export const TUI_TEST_TIMEOUT_MS = 12 * 60_000;
/** The endpoint key the user gives cab: the fake endpoint must see it, the TUI never. */
const USER_KEY = "sk-user-endpoint-key-0123456789";
/** Keys that happen to be in the user's shell: nothing may pass them to the TUI. */
const PARENT_KEYS = {
  ANTHROPIC_API_KEY: "sk-ant-parent-key-0123456789",
  GEMINI_API_KEY: "gemini-parent-key-0123456789",
  DASHSCOPE_API_KEY: "dashscope-parent-key-0123456789",
};

/** Why the test cannot run here (the npm registry is unreachable and the TUI is not cached), or null. */
export async function skipReason(spec: ExternalTuiSpec): Promise<string | null> {
  if (!spec.package) return "not an npm TUI";
  const cached = join(tuiCacheRoot({ XDG_CACHE_HOME: E2E_TUI_CACHE }), spec.package.id, "cab-install.json");
  if (existsSync(cached)) return null;
  try {
    await promisify(execFile)("npm", ["view", spec.package.specs[0] as string, "version"], {
      timeout: 60_000,
      env: { ...process.env, npm_config_update_notifier: "false", npm_config_fetch_retries: "0" },
    });
    return null;
  } catch (error) {
    const detail = (error as Error).message.split("\n").slice(0, 3).join(" ");
    return `the npm registry is unreachable, so ${spec.package.specs[0]} cannot be installed: ${detail}`;
  }
}

export interface SolvedDemoTask {
  document: RunDocument;
  cell: RunDocument["cells"][number];
  /** The trace span of the TUI's process (its exit, final message, own usage and the proxy log). */
  process: RunDocument["cells"][number]["trace"]["spans"][number];
  endpoint: FakeEndpoint;
  stderr: string;
  ms: number;
}

/**
 * `cab check --tui NAME` on the demo task against a scripted SSE endpoint that answers in the TUI's own
 * tool names; the CLI runs with a temp HOME that must come back unchanged, the user's key in
 * OPENAI_API_KEY and other keys in the environment that must reach no file the TUI could read.
 */
export async function solveDemoTask(spec: ExternalTuiSpec): Promise<SolvedDemoTask> {
  const endpoint = await startFakeEndpoint({
    respond(request) {
      const messages = (request.body.messages ?? []) as DemoMessage[];
      const turn = tuiDemoTurn(offeredTools(request.body.tools), messages);
      return { content: turn.content, toolCalls: turn.call ? [turn.call] : [] };
    },
  });
  const home = await mkdtemp(join(tmpdir(), "cab-e2e-home-"));
  const out = await mkdtemp(join(tmpdir(), "cab-e2e-out-"));
  let cellDir: string | null = null;
  try {
    await mkdir(join(home, ".config"), { recursive: true });
    await writeFile(join(home, ".config", "sentinel"), "the user's own config\n");
    const before = await snapshot(home);
    const run = await runCli(
      [
        "check",
        ...["--tui", spec.name, "--endpoint", endpoint.url, "--model", "fake-model"],
        ...["--task", DEMO_TASK_ID, "--out", out, "--keep-workspace"],
      ],
      {
        env: { HOME: home, XDG_CACHE_HOME: E2E_TUI_CACHE, OPENAI_API_KEY: USER_KEY, ...PARENT_KEYS },
        timeoutMs: TUI_TEST_TIMEOUT_MS - 60_000,
      },
    );
    cellDir = /workspace kept at (\S+)\/workspace/.exec(run.stderr)?.[1] ?? null;
    expect(run.code, run.stderr).toBe(0);
    expect(await snapshot(home), "the real HOME is untouched").toEqual(before);

    // The user's key went to the endpoint (through the proxy) and nowhere the TUI could read it.
    const authorizations = new Set(endpoint.requests.map((r) => r.headers.authorization));
    expect([...authorizations]).toEqual([`Bearer ${USER_KEY}`]);
    expect(cellDir, run.stderr).not.toBeNull();
    for (const file of await readAllFiles(cellDir as string)) {
      for (const secret of [USER_KEY, ...Object.values(PARENT_KEYS)]) {
        expect(file.text.includes(secret), `${secret} in ${file.path}`).toBe(false);
      }
    }

    const document = JSON.parse(await readFile(join(out, "run.json"), "utf8")) as RunDocument;
    const cell = document.cells[0];
    const process = cell?.trace.spans.find((s) => s.name === `${spec.name} process`);
    if (!cell || !process) throw new Error(`no cell or no ${spec.name} process span in run.json`);
    return { document, cell, process, endpoint, stderr: run.stderr, ms: run.ms };
  } finally {
    await endpoint.close();
    await rm(home, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
    if (cellDir) await rm(cellDir, { recursive: true, force: true });
  }
}

/** What every TUI's demo run must show: pass 1, the proxy's tokens, only loopback traffic. */
export function expectSolvedThroughProxy(solved: SolvedDemoTask, spec: ExternalTuiSpec): void {
  const { cell, endpoint, process } = solved;
  expect(cell.status).toBe("completed");
  expect(cell.scorer.pass_rate.pass).toBe(1);
  expect(cell.run_identity).toMatchObject({ tui: spec.name, tui_version: spec.version });
  expect(cell.timing.tokens_source).toBe("proxy");

  // Every model call the scripted server answered was recorded by the proxy, with its usage (1000/50).
  const answered = endpoint.requests.length;
  expect(answered).toBeGreaterThanOrEqual(4);
  const calls = cell.trace.model_calls;
  expect(calls).toHaveLength(answered);
  expect(calls.every((c) => c.status === 200 && c.prompt_tokens === 1000 && c.completion_tokens === 50)).toBe(
    true,
  );
  expect(cell.scorer.tokens).toMatchObject({
    prompt_tokens: 1000 * answered,
    completion_tokens: 50 * answered,
    model_calls: answered,
  });

  // No request left the loopback: the proxy sent every model request to the scripted server on
  // 127.0.0.1 (or answered locally), and that server saw exactly those requests, on the chat route.
  const log = process.attrs.proxy_log as { path: string; upstream: string; status: number }[];
  expect(log.length).toBeGreaterThan(0);
  const upstreamURL = `${endpoint.url}/chat/completions`;
  for (const entry of log) expect(["local", upstreamURL]).toContain(entry.upstream);
  expect(log.filter((e) => e.upstream === upstreamURL)).toHaveLength(answered);
  expect(new URL(endpoint.url).hostname).toBe("127.0.0.1");
  expect(endpoint.requests.every((r) => r.path === "/v1/chat/completions")).toBe(true);

  // The TUI's own account of the work is kept next to the proxy's.
  expect(process.attrs).toMatchObject({ exit_code: 0, tui: spec.name, tui_version: spec.version });
  expect(String(process.attrs.tui_final_message)).toContain("for...of");
  expect(cell.scorer.blast_radius.unexpected_changes).toEqual([]);
}

/** The tool names the TUI offered the model, over all its requests. */
export function toolNamesOffered(solved: SolvedDemoTask): string[] {
  return [...new Set(solved.endpoint.requests.flatMap((r) => offeredTools(r.body.tools).map((t) => t.name)))];
}

/** Every file under a folder with its size and modification time. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path);
    files[path] = entry.isDirectory() ? "dir" : `${info.size}:${info.mtimeMs}`;
  }
  return files;
}
