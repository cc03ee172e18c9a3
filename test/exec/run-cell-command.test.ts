import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCellCommand } from "../../src/exec/run-cell-command.js";
import type { SandboxMode } from "../../src/exec/sandbox.js";
import { buildCommandEnv } from "../../src/exec/scrub-env.js";
import { bwrap, markerSeconds, NEEDS_BWRAP, processesWithMarker } from "../helpers/processes.js";

let cell: string;
let outside: string;
beforeEach(async () => {
  cell = await mkdtemp(join(tmpdir(), "cab-cell-"));
  outside = await mkdtemp(join(tmpdir(), "cab-outside-"));
  for (const dir of ["workspace", "home", "tmp"]) await mkdir(join(cell, dir));
});
afterEach(async () => {
  await rm(cell, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

function run(
  sandbox: SandboxMode,
  command: string,
  extra: { timeoutMs?: number; maxOutputBytes?: number } = {},
) {
  return runCellCommand({
    argv: ["bash", "-c", command],
    cwd: join(cell, "workspace"),
    env: buildCommandEnv({ home: join(cell, "home"), tmpdir: join(cell, "tmp"), sandbox }),
    timeoutMs: extra.timeoutMs ?? 20_000,
    maxOutputBytes: extra.maxOutputBytes,
  });
}

const MODES: { mode: SandboxMode; skip: boolean; note: string }[] = [
  { mode: "none", skip: false, note: "" },
  { mode: "bwrap", skip: !bwrap.usable, note: NEEDS_BWRAP },
];

for (const { mode, skip, note } of MODES)
  describe(`runCellCommand --sandbox ${mode}${note}`, () => {
    it.skipIf(skip)(
      "leaves nothing running: a background job and a double-forked daemon are gone",
      async () => {
        const background = markerSeconds();
        const daemon = markerSeconds();
        const result = await run(
          mode,
          `sleep ${background} & setsid bash -c 'sleep ${daemon} </dev/null >/dev/null 2>&1 &'; echo started`,
        );
        expect(result).toMatchObject({ exitCode: 0, stdout: "started\n", sandbox: mode });
        expect(processesWithMarker(background)).toEqual([]);
        expect(processesWithMarker(daemon)).toEqual([]);
        // Without a PID namespace the daemon outlives its group and is found by its environment.
        expect(result.leftoversKilled).toBe(mode === "none" ? 1 : 0);
      },
    );

    it.skipIf(skip)("runs in the workspace with the cell's HOME and TMPDIR", async () => {
      const result = await run(
        mode,
        'echo "$PWD|$HOME|$TMPDIR|$CAB_SANDBOX"; echo hi > "$HOME/x" && echo written',
      );
      expect(result.stdout).toBe(
        `${join(cell, "workspace")}|${join(cell, "home")}|${join(cell, "tmp")}|${mode}\nwritten\n`,
      );
    });

    it.skipIf(skip)(
      "caps 200 MB of output to head and tail without holding it, and says how much was cut",
      async () => {
        const started = performance.now();
        const result = await run(mode, "head -c 200000000 /dev/zero | tr '\\0' x", {
          maxOutputBytes: 16 * 1024,
          timeoutMs: 60_000,
        });
        expect(result.exitCode).toBe(0);
        expect(result.timedOut).toBe(false);
        expect(result.stdout.length).toBeLessThan(17 * 1024);
        expect(result.stdout).toContain(`[… ${200_000_000 - 16 * 1024} bytes elided …]`);
        expect(performance.now() - started).toBeLessThan(30_000);
      },
    );

    it.skipIf(skip)("takes any secret of the harness's own environment out of the output", async () => {
      process.env.CAB_TEST_SECRET_TOKEN = "tok-harness-secret-0123456789";
      try {
        const result = await run(mode, "echo tok-harness-secret-0123456789");
        expect(result.stdout).toBe("[REDACTED]\n");
      } finally {
        delete process.env.CAB_TEST_SECRET_TOKEN;
      }
    });
  });

describe(`runCellCommand --sandbox bwrap: what the sandbox adds${NEEDS_BWRAP}`, () => {
  it.skipIf(!bwrap.usable)(
    "the system is read-only and nothing outside the cell is writable or visible",
    async () => {
      await writeFile(join(outside, "secret.txt"), "OUTSIDE-CANARY");
      const result = await run(
        "bwrap",
        [
          `cat ${join(outside, "secret.txt")}`,
          `echo pwned > ${join(outside, "bash.txt")}`,
          "echo pwned > /usr/pwned",
          "echo pwned > /pwned",
          "echo pwned > ../escape.txt",
          "echo done",
        ].join("; "),
      );
      expect(result.stdout).toBe("done\n");
      expect(result.stdout + result.stderr).not.toContain("OUTSIDE-CANARY");
      expect(result.stderr).toMatch(/\/usr\/pwned: Read-only file system/);
      expect(await readdir(outside)).toEqual(["secret.txt"]);
      expect(await readdir(cell)).toEqual(["home", "tmp", "workspace"]);
    },
  );

  it.skipIf(!bwrap.usable)("sees only its own processes, and no network", async () => {
    const result = await run(
      "bwrap",
      "ls /proc | grep -c '^[0-9]'; curl -sS -m 3 http://10.255.255.1/ 2>&1; echo curl=$?",
      { timeoutMs: 15_000 },
    );
    const [count] = result.stdout.split("\n");
    expect(Number(count)).toBeLessThan(10);
    expect(result.stdout).toMatch(/curl=[1-9]/);
    expect(result.durationMs).toBeLessThan(10_000);
  });

  it.skipIf(!bwrap.usable)("refuses to build a sandbox whose HOME is not a folder of the cell", async () => {
    const promise = runCellCommand({
      argv: ["true"],
      cwd: join(cell, "workspace"),
      env: {
        ...buildCommandEnv({ home: join(cell, "home"), tmpdir: join(cell, "tmp"), sandbox: "bwrap" }),
        HOME: outside,
      },
      timeoutMs: 5_000,
    });
    await expect(promise).rejects.toThrow(/refusing to sandbox: HOME .* is not a folder of the cell/);
  });
});
