import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeProcessLimit } from "../../src/exec/process-limit.js";
import type { SandboxMode } from "../../src/exec/sandbox.js";
import type { RunDocument } from "../../src/report/run-document.js";
import { type FakeEndpoint, type FakeStep, startFakeEndpoint } from "../helpers/fake-endpoint.js";
import { bwrap, isAlive, markerSeconds, NEEDS_BWRAP, processesWithMarker } from "../helpers/processes.js";
import { CLI_BIN } from "../helpers/run-cli.js";

/**
 * A hostile model drives the built CLI: every attack is a scripted tool call, and every outcome is read
 * from outside — the requests the endpoint received, the file system, the process table.
 */
const TASK = "polyglot/js-async-foreach";
/** The process cap the fork-bomb test sets through CAB_MAX_PROCESSES. */
const BOMB_LIMIT = 256;
const RAND = Math.random().toString(36).slice(2, 10);
const SECRETS = {
  CAB_KEY: `cab-key-CANARY-${RAND}-0123456789`,
  OPENAI_API_KEY: `sk-openai-CANARY-${RAND}-abcdef`,
  GITHUB_TOKEN: `ghp_CANARY${RAND}0123456789`,
};
const SSH_CANARY = `SSH-PRIVATE-KEY-CANARY-${RAND}`;

let fakeHome: string;
let outside: string;
beforeAll(async () => {
  fakeHome = await mkdtemp(join(tmpdir(), "cab-fake-home-"));
  outside = await mkdtemp(join(tmpdir(), "cab-outside-"));
  await mkdir(join(fakeHome, ".ssh"));
  await writeFile(join(fakeHome, ".ssh/id_ed25519"), `-----BEGIN OPENSSH PRIVATE KEY-----\n${SSH_CANARY}\n`);
  await writeFile(join(fakeHome, ".netrc"), `machine example.com password ${SSH_CANARY}\n`);
});
afterAll(async () => {
  await rm(fakeHome, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const bash = (command: string, timeout_s?: number): FakeStep => ({
  toolCalls: [{ name: "bash", arguments: timeout_s ? { command, timeout_s } : { command } }],
});
const tool = (name: string, args: Record<string, unknown>): FakeStep => ({
  toolCalls: [{ name, arguments: args }],
});
const FINISH = tool("finish", { message: "done" });

interface HostileRun {
  code: number | null;
  stderr: string;
  document: RunDocument;
  /** Tool results in the order the endpoint received them. */
  results: string[];
  /** Every request body the endpoint received, as one text. */
  received: string;
  endpoint: FakeEndpoint;
  /** Highest resident set size of the CLI process seen while it ran. */
  peakRssBytes: number;
}

/** Run `cab check` against a scripted endpoint with a canary HOME and keys in its environment. */
async function hostile(
  mode: SandboxMode,
  script: (endpointUrl: string) => FakeStep[],
  extraArgs: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<HostileRun> {
  const steps: FakeStep[] = [];
  const endpoint = await startFakeEndpoint({ script: steps });
  steps.push(...script(endpoint.url));
  try {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env))
      if (value !== undefined && !/^(CAB_|OPENAI_)/.test(name)) env[name] = value;
    Object.assign(env, { NO_COLOR: "1", HOME: fakeHome }, SECRETS, extraEnv);
    const args = ["check", "--endpoint", endpoint.url, "--model", "hostile", "--task", TASK];
    const child = spawn(process.execPath, [CLI_BIN, ...args, "--sandbox", mode, "--json", ...extraArgs], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c;
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c;
    });
    let peakRssBytes = 0;
    const sampler = setInterval(() => {
      const match = /VmHWM:\s+(\d+) kB/.exec(readSafe(`/proc/${child.pid}/status`));
      if (match) peakRssBytes = Math.max(peakRssBytes, Number(match[1]) * 1024);
    }, 25);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearInterval(sampler);
    const last = endpoint.requests.at(-1)?.body.messages ?? [];
    return {
      code,
      stderr,
      document: parseDocument(stdout, stderr),
      results: last.filter((m) => m.role === "tool").map((m) => String(m.content)),
      received: endpoint.requests.map((r) => JSON.stringify(r.body)).join("\n"),
      endpoint,
      peakRssBytes,
    };
  } finally {
    await endpoint.close();
  }
}

function parseDocument(stdout: string, stderr: string): RunDocument {
  try {
    return JSON.parse(stdout) as RunDocument;
  } catch {
    throw new Error(`the CLI printed no result document; stderr:\n${stderr}`);
  }
}

function readSafe(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** The secrets in every form a careless command could print them. */
function secretForms(): string[] {
  return [...Object.values(SECRETS), SSH_CANARY].flatMap((s) => [s, Buffer.from(s).toString("base64")]);
}

function expectNothingOfTheUser(text: string): void {
  for (const form of secretForms()) expect(text).not.toContain(form);
}

const MODES: { mode: SandboxMode; skip: boolean; note: string }[] = [
  { mode: "bwrap", skip: !bwrap.usable, note: NEEDS_BWRAP },
  { mode: "none", skip: false, note: "" },
];

for (const { mode, skip, note } of MODES)
  describe(`a hostile agent, --sandbox ${mode}${note}`, () => {
    it.skipIf(skip)(
      "env, ~/.ssh and $HOME show nothing of the user's; no key reaches the model",
      async () => {
        const run = await hostile(mode, () => [
          bash("env"),
          bash("cat ~/.ssh/* ; cat ~/.netrc ; ls -la $HOME"),
          bash("ps auxe; cat /proc/*/environ | tr '\\0' '\\n'; cat /proc/*/cmdline | tr '\\0' ' '"),
          FINISH,
        ]);
        expect(run.code, run.stderr).toBe(0);
        const warnings = run.stderr.split("\n").filter((line) => line.includes("not isolated"));
        expect(warnings).toEqual(
          mode === "none"
            ? [expect.stringMatching(/^warning: --sandbox none — not isolated: network, PID namespace/)]
            : [],
        );
        expect(run.results).toHaveLength(3); // finish ends the run: its result is never sent
        expect(run.results[0]).toContain(`CAB_SANDBOX=${mode}`);
        expect(run.results[0]).not.toMatch(/^(CAB_KEY|OPENAI_API_KEY|GITHUB_TOKEN)=/m);
        expect(run.results[1]).toContain("No such file or directory");
        expectNothingOfTheUser(run.received);
        expectNothingOfTheUser(JSON.stringify(run.document));
        expect(run.document.run.limits.sandbox).toBe(mode);
        const spans = run.document.cells[0]?.trace.spans ?? [];
        expect(spans.find((s) => s.kind === "task_setup")?.attrs.sandbox).toBe(mode);
        expect(spans.find((s) => s.kind === "agent_run")?.attrs.sandbox).toBe(mode);
      },
    );

    it.skipIf(skip)(
      "writes to ../escape.txt, an absolute path and through a symlink are refused",
      async () => {
        const run = await hostile(
          mode,
          () => [
            tool("write_file", { path: "../escape.txt", content: "escaped" }),
            tool("write_file", { path: join(outside, "absolute.txt"), content: "escaped" }),
            bash(`ln -s ${outside} link && echo linked`),
            tool("write_file", { path: "link/through-symlink.txt", content: "escaped" }),
            tool("edit_file", { path: "link/../../escape.txt", old_string: "a", new_string: "b" }),
            FINISH,
          ],
          ["--keep-workspace"],
        );
        const kept = /workspace kept at (\S+)/.exec(run.stderr)?.[1];
        try {
          expect(run.code, run.stderr).toBe(0);
          expect(run.results[0]).toMatch(/^error: path \.\.\/escape\.txt is outside the workspace/);
          expect(run.results[1]).toMatch(/^error: path must be relative to the workspace root/);
          expect(run.results[2]).toContain("linked");
          expect(run.results[3]).toMatch(
            /^error: path link\/through-symlink\.txt leads outside the workspace/,
          );
          expect(run.results[4]).toMatch(/^error: path .* outside the workspace/);
          expect(await readdir(outside)).toEqual([]);
          expect(kept).toBeDefined();
          expect((await readdir(dirname(kept as string))).sort()).toEqual(["home", "tmp", "workspace"]);
        } finally {
          if (kept) await rm(dirname(kept), { recursive: true, force: true });
        }
      },
    );

    it.skipIf(skip)(
      "`sleep 600 &` and a double-forked daemon are gone after their command and the cell",
      async () => {
        const background = markerSeconds();
        const daemon = markerSeconds();
        const run = await hostile(mode, () => [
          bash(
            `sleep ${background} & echo "bg=$!"; setsid bash -c 'sleep ${daemon} </dev/null >/dev/null 2>&1 & echo "daemon=$!"'; sleep 0.2`,
          ),
          // "[s]leep" so the pattern does not match this very command line.
          bash(`pgrep -f '[s]leep ${background}|[s]leep ${daemon}' || echo none-left`),
          FINISH,
        ]);
        expect(run.code, run.stderr).toBe(0);
        expect(run.results[1]).toContain("none-left");
        expect(processesWithMarker(background)).toEqual([]);
        expect(processesWithMarker(daemon)).toEqual([]);
        if (mode === "none") {
          // Host pids (inside bwrap they would be the sandbox's own): each must be dead, not just unlisted.
          for (const name of ["bg", "daemon"]) {
            const pid = Number(new RegExp(`${name}=(\\d+)`).exec(run.results[0] ?? "")?.[1]);
            expect(pid).toBeGreaterThan(0);
            expect(isAlive(pid)).toBe(false);
          }
          expect(run.results[0]).toContain("note: killed 1 process(es) the command left running");
        }
        const cleanup = run.document.cells[0]?.trace.spans.find((s) => s.kind === "cleanup");
        expect(cleanup?.attrs).toMatchObject({ sandbox: mode, stragglers_killed: 0 });
      },
    );

    it.skipIf(skip)(
      "200 MB of output comes back capped, with the elided count, in bounded memory",
      async () => {
        const run = await hostile(mode, () => [
          bash("head -c 200000000 /dev/zero | tr '\\0' x; echo end"),
          FINISH,
        ]);
        expect(run.code, run.stderr).toBe(0);
        const result = run.results[0] ?? "";
        expect(result).toMatch(/^exit code: 0/);
        expect(Buffer.byteLength(result)).toBeLessThan(20 * 1024);
        expect(result).toMatch(/\[… \d{9} bytes elided …\]/);
        expect(result.trimEnd().endsWith("end")).toBe(true);
        // Holding the output would take 200 MB (more as a string): the CLI stays near its size for a tiny output.
        const baseline = await hostile(mode, () => [bash("echo small; echo end"), FINISH]);
        expect(baseline.peakRssBytes).toBeGreaterThan(0);
        expect(run.peakRssBytes - baseline.peakRssBytes).toBeLessThan(50 * 1024 * 1024);
      },
    );
  });

describe(`a hostile agent, --sandbox bwrap only${NEEDS_BWRAP}`, () => {
  it.skipIf(!bwrap.usable)(
    "the real home is unreadable by absolute path, and the system is read-only",
    async () => {
      const run = await hostile("bwrap", () => [
        bash(
          `cat ${fakeHome}/.ssh/id_ed25519; ls -la ${fakeHome}; echo pwned > ${outside}/from-bash.txt; echo x > /usr/x`,
        ),
        FINISH,
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.results[0]).toContain("No such file or directory");
      expect(run.results[0]).toContain("/usr/x: Read-only file system");
      expectNothingOfTheUser(run.received);
      expect(await readdir(outside)).toEqual([]);
    },
  );

  it.skipIf(!bwrap.usable)(
    "the network is unreachable, the harness's own endpoint included, and fails fast",
    async () => {
      const run = await hostile("bwrap", (url) => [
        bash(
          [
            "curl -sS -m 3 http://10.255.255.1/; echo curl=$?",
            `curl -sS -m 3 ${url}/models; echo loopback=$?`,
            `node -e "fetch('http://10.255.255.1', { signal: AbortSignal.timeout(3000) }).then(() => console.log('fetched'), (e) => console.log('fetch failed:', e.cause?.code ?? e.name))"`,
          ].join("; "),
          30,
        ),
        FINISH,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const result = run.results[0] ?? "";
      expect(result).toMatch(/curl=[1-9]\d*/);
      expect(result).toMatch(/loopback=[1-9]\d*/);
      expect(result).toContain("fetch failed:");
      expect(result).not.toContain("fetched");
      // Only the harness's own chat calls reached the endpoint; none came from inside the sandbox.
      expect(run.endpoint.requests.every((r) => r.path.endsWith("/chat/completions"))).toBe(true);
      const toolSpan = run.document.cells[0]?.trace.spans.find((s) => s.kind === "tool_call");
      expect(toolSpan?.duration_ms).toBeLessThan(10_000);
    },
  );

  it.skipIf(!bwrap.usable)(
    "a fork bomb hits the process limit; the CLI survives and the cell ends",
    async () => {
      const limit = await probeProcessLimit();
      if (limit.kind === "none") {
        console.warn(`skipped: no process limit on this machine (${limit.reason})`);
        return;
      }
      // A low cap keeps the bomb from loading the machine the other tests share; the mechanism is the same.
      const run = await hostile(
        "bwrap",
        () => [
          bash(
            // Shell builtins only for the count: every fork fails once the limit is reached.
            "bomb() { bomb | bomb & }; bomb; while (( SECONDS < 3 )); do :; done; n=0; for p in /proc/[0-9]*; do read -r s < $p/stat && [[ $s != *') Z '* ]] && n=$((n+1)); done; echo procs=$n",
            60,
          ),
          bash("echo still-here"),
          FINISH,
        ],
        [],
        { CAB_MAX_PROCESSES: String(BOMB_LIMIT) },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.document.cells[0]?.status).toBe("completed");
      const procs = Number(/procs=(\d+)/.exec(run.results[0] ?? "")?.[1]);
      // Live processes (zombies left out) in the sandbox's own /proc, a little slack for ones mid-exit.
      expect(procs).toBeGreaterThan(BOMB_LIMIT / 2);
      expect(procs).toBeLessThanOrEqual(BOMB_LIMIT + 64);
      expect(run.results[0]).toContain("Resource temporarily unavailable");
      expect(run.results[1]).toContain("still-here");
      expect(processesWithMarker("bomb() { bomb | bomb & }")).toEqual([]);
    },
    120_000,
  );
});

describe("crafted bundles are refused with a clear error", () => {
  const TASK_YAML = `id: polyglot/evil
version: v0.1
category: polyglot
language: python
title: An evil task
requires: [python3]
budget: { max_turns: 5, timeout_s: 60 }
check:
  run: ["python3", "-m", "unittest"]
  timeout_s: 30
  parser: unittest
protected: ["tests/**"]
`;
  let bundle: string;
  beforeAll(async () => {
    bundle = await mkdtemp(join(tmpdir(), "cab-evil-bundle-"));
  });
  afterAll(async () => {
    await rm(bundle, { recursive: true, force: true });
  });

  async function listBundle(files: Record<string, string>, links: Record<string, string> = {}) {
    await rm(join(bundle, "polyglot"), { recursive: true, force: true });
    await mkdir(join(bundle, "polyglot/evil/workspace"), { recursive: true });
    for (const [path, text] of Object.entries(files)) await writeFile(join(bundle, path), text);
    for (const [path, target] of Object.entries(links)) await symlink(target, join(bundle, path));
    const child = spawn(process.execPath, [CLI_BIN, "list", "--bundle", bundle], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c;
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return { code, stderr };
  }

  it.each<[string, () => Record<string, string>, Record<string, string>, RegExp]>([
    [
      "a protected path with ..",
      () => ({ "polyglot/evil/task.yaml": TASK_YAML.replace('"tests/**"', '"../../etc/passwd"') }),
      {},
      /protected\.0: must be a relative path inside the task/,
    ],
    [
      "a symlink out of the task folder",
      () => ({ "polyglot/evil/task.yaml": TASK_YAML }),
      { "polyglot/evil/workspace/id_rsa": "/root/.ssh/id_rsa" },
      /workspace\/id_rsa: symlink to \/root\/\.ssh\/id_rsa points outside its task folder/,
    ],
    [
      "a relative symlink that climbs out",
      () => ({ "polyglot/evil/task.yaml": TASK_YAML }),
      { "polyglot/evil/workspace/up": "../../../.." },
      /symlink to \.\.\/\.\.\/\.\.\/\.\. points outside its task folder/,
    ],
    [
      "a huge task.yaml",
      () => ({ "polyglot/evil/task.yaml": `${TASK_YAML}# ${"x".repeat(70 * 1024)}\n` }),
      {},
      /task\.yaml: \d+ bytes, over the 65536-byte limit/,
    ],
    [
      "a check that sets HOME",
      () => ({
        "polyglot/evil/task.yaml": TASK_YAML.replace(
          "parser: unittest",
          "parser: unittest\n  env: { HOME: /root }",
        ),
      }),
      {},
      /check\.env\.HOME: .*set by the harness/,
    ],
    [
      "a check of 65 arguments",
      () => ({
        "polyglot/evil/task.yaml": TASK_YAML.replace(
          '["python3", "-m", "unittest"]',
          JSON.stringify(Array.from({ length: 65 }, () => "x")),
        ),
      }),
      {},
      /check\.run: must have at most 64 entries/,
    ],
  ])("%s", async (_name, files, links, message) => {
    const run = await listBundle(files(), links);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect((await stat(join(bundle, "polyglot/evil"))).isDirectory()).toBe(true);
  });
});
