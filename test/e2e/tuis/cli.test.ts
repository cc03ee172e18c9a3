import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { piSpec } from "../../../src/agent/tuis/pi.js";
import type { RunDocument } from "../../../src/report/run-document.js";
import { startFakeEndpoint } from "../../helpers/fake-endpoint.js";
import { runCli } from "../../helpers/run-cli.js";
import { E2E_TUI_CACHE, skipReason, TUI_TEST_TIMEOUT_MS } from "./solve-demo-task.js";

describe("--tui on the command line", () => {
  it("a TUI that is not installed is a usage error before any cell runs", async () => {
    const run = await runCli(
      ["check", "--tui", "goose", "--endpoint", "http://127.0.0.1:9/v1", "--model", "m"],
      {
        env: { PATH: "/usr/bin:/bin" },
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--tui goose: not installed: `goose` is not on PATH\. Install the goose CLI/);
    expect(run.stdout).not.toContain("[1/");
  });

  it("a TUI that fails before its first model call is an infra error; its other cells are skipped, other TUIs run", async () => {
    const work = await mkdtemp(join(tmpdir(), "cab-e2e-broken-tui-"));
    const endpoint = await startFakeEndpoint({
      script: [{ toolCalls: [{ name: "finish", arguments: { message: "nothing to do" } }] }],
    });
    try {
      // An `aider` on PATH that answers --version but dies on start, like a broken Python install.
      await mkdir(join(work, "bin"));
      const aider = join(work, "bin", "aider");
      await writeFile(
        aider,
        '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "aider 0.86.2"; exit 0; fi\necho "ModuleNotFoundError: No module named litellm" >&2\nexit 1\n',
      );
      await chmod(aider, 0o755);
      const run = await runCli(
        [
          ...["check", "--endpoint", endpoint.url, "--model", "m", "--tui", "aider", "--tui", "builtin"],
          ...["--task", "polyglot/python-reverse-string", "--runs", "2", "--sandbox", "none", "--json"],
        ],
        { env: { PATH: `${join(work, "bin")}:${process.env.PATH}` } },
      );
      expect(run.code, run.stderr).toBe(3);
      const cells = (JSON.parse(run.stdout) as RunDocument).cells;
      const byTui = (tui: string) => cells.filter((c) => c.run_identity.tui === tui);
      const [failed, skipped] = byTui("aider").sort((a, b) => a.status.localeCompare(b.status));
      expect(failed?.status).toBe("infra_error");
      expect(failed?.status_reason).toMatch(
        /--tui aider 0\.86\.2 failed before calling the model \(exit code 1\): ModuleNotFoundError: No module named litellm — before doing any work\. Infra, not capability\./,
      );
      expect(skipped?.status).toBe("skipped");
      expect(skipped?.status_reason).toMatch(
        /^not run: an earlier cell of this TUI failed with: --tui aider/,
      );
      expect(byTui("builtin").map((c) => c.status)).toEqual(["completed", "completed"]);
      expect(endpoint.requests.length).toBe(2);
    } finally {
      await endpoint.close();
      await rm(work, { recursive: true, force: true });
    }
  });

  it(
    "--demo drives a real TUI with the demo script in its own tool names",
    async (context) => {
      const reason = await skipReason(piSpec);
      context.skip(reason !== null, reason ?? undefined);
      const home = await mkdtemp(join(tmpdir(), "cab-e2e-home-"));
      try {
        const run = await runCli(["check", "--demo", "--tui", "pi", "--json"], {
          env: { HOME: home, XDG_CACHE_HOME: E2E_TUI_CACHE },
          timeoutMs: TUI_TEST_TIMEOUT_MS - 60_000,
        });
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).toMatch(/HTTP 429: waiting 1\.0s/); // the proxy applied the 429 policy
        const cell = (JSON.parse(run.stdout) as RunDocument).cells[0];
        expect(cell?.scorer.pass_rate.pass).toBe(1);
        expect(cell?.run_identity).toMatchObject({ tui: "pi", tui_version: piSpec.version });
        expect(cell?.scorer.blast_radius.modified).toEqual(["src/save-all.mjs"]);
      } finally {
        await rm(home, { recursive: true, force: true });
      }
    },
    TUI_TEST_TIMEOUT_MS,
  );

  it(
    "--max-turns holds a real TUI too: the proxy refuses model calls past the budget",
    async (context) => {
      const reason = await skipReason(piSpec);
      context.skip(reason !== null, reason ?? undefined);
      const home = await mkdtemp(join(tmpdir(), "cab-e2e-home-"));
      try {
        const run = await runCli(["check", "--demo", "--tui", "pi", "--max-turns", "2", "--json"], {
          env: { HOME: home, XDG_CACHE_HOME: E2E_TUI_CACHE },
          timeoutMs: TUI_TEST_TIMEOUT_MS - 60_000,
        });
        const cell = (JSON.parse(run.stdout) as RunDocument).cells[0];
        expect(cell?.status_reason, run.stderr).toBe("the agent used all its turns");
        expect(cell?.scorer.tokens.model_calls).toBe(2);
        const log = cell?.trace.spans.find((s) => s.name === "pi process")?.attrs.proxy_log as {
          status: number;
          upstream: string;
        }[];
        expect(log.filter((e) => e.upstream === "refused" && e.status === 400).length).toBeGreaterThan(0);
      } finally {
        await rm(home, { recursive: true, force: true });
      }
    },
    TUI_TEST_TIMEOUT_MS,
  );

  it("check --help says the first run installs the TUI into the cache, and how big it is", async () => {
    const run = await runCli(["check", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /The first run installs it with npm into\s+\$XDG_CACHE_HOME\/codingagentbench\/tuis/,
    );
    expect(run.stdout).toMatch(/about \d+ MB for pi/);
  });
});
