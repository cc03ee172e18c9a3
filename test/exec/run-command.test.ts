import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunCommandOptions, runCommand } from "../../src/exec/run-command.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "cab-run-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir });
const run = (argv: string[], extra: Partial<RunCommandOptions> = {}) =>
  runCommand({ argv, cwd: dir, env: env(), timeoutMs: 10_000, ...extra });

/** Alive means signalable and not a zombie waiting for init (pid 1) to reap it. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false; // reaped between the two looks
  }
}

async function expectGone(pid: number): Promise<void> {
  for (let i = 0; i < 20 && isAlive(pid); i++) await sleep(50);
  expect(isAlive(pid)).toBe(false);
}

describe("runCommand", () => {
  it.each([
    ["exit 0 with stdout", "echo out", 0, "out\n", ""],
    ["exit code and stderr", "echo err >&2; exit 3", 3, "", "err\n"],
    ["both streams", "printf a; printf b >&2; exit 1", 1, "a", "b"],
    ["cwd is the given folder", 'basename "$PWD"', 0, "<dir>\n", ""],
    ["env is exactly what was given", 'echo "$(basename "$HOME"):[$SECRET_X]"', 0, "<dir>:[]\n", ""],
  ])("%s", async (_name, script, exitCode, stdout, stderr) => {
    process.env.SECRET_X = "leaked";
    try {
      const result = await run(["bash", "-c", script]);
      const base = dir.split("/").pop() as string;
      expect(result).toMatchObject({
        exitCode,
        signal: null,
        timedOut: false,
        aborted: false,
        spawnError: null,
        stdout: stdout.replace("<dir>", base),
        stderr,
      });
    } finally {
      delete process.env.SECRET_X;
    }
  });

  it.each([
    ["cat", ["cat"]],
    ["read", ["bash", "-c", 'read line; echo "got:$line"']],
  ])("stdin is closed: %s returns at once", async (_name, argv) => {
    const result = await run(argv, { timeoutMs: 5_000 });
    expect(result.timedOut).toBe(false);
    expect(result.durationMs).toBeLessThan(3_000);
    expect(result.stdout).not.toContain("got:x");
  });

  it("elides the middle of long output", async () => {
    const result = await run(["bash", "-c", "head -c 5000 /dev/zero | tr '\\0' x"], { maxOutputBytes: 100 });
    expect(result.stdout).toBe(`${"x".repeat(50)}\n[… 4900 bytes elided …]\n${"x".repeat(50)}`);
  });

  it("on timeout kills the whole process group, background grandchild included", async () => {
    const pidFile = join(dir, "bg.pid");
    const started = Date.now();
    const result = await run(["bash", "-c", `sleep 30 & echo $! > ${pidFile}; sleep 30`], {
      timeoutMs: 500,
      killGraceMs: 500,
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe("SIGTERM");
    const grandchild = Number((await readFile(pidFile, "utf8")).trim());
    expect(grandchild).toBeGreaterThan(0);
    await expectGone(grandchild);
  });

  it("returns when the command exits even if a background child holds the pipe", async () => {
    const pidFile = join(dir, "bg.pid");
    const result = await run(["bash", "-c", `sleep 30 & echo $! > ${pidFile}; echo done`]);
    expect(result).toMatchObject({ exitCode: 0, timedOut: false, stdout: "done\n" });
    expect(result.durationMs).toBeLessThan(3_000);
    const grandchild = Number((await readFile(pidFile, "utf8")).trim());
    await expectGone(grandchild);
  });

  it("ignores SIGTERM no longer than the grace period", async () => {
    const result = await run(["bash", "-c", "trap '' TERM; sleep 30"], { timeoutMs: 300, killGraceMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.durationMs).toBeLessThan(3_000);
  });

  it.each([
    ["aborted during the run", false],
    ["aborted before the start", true],
  ])("abort signal: %s", async (_name, early) => {
    const controller = new AbortController();
    if (early) controller.abort();
    else setTimeout(() => controller.abort(), 200);
    const result = await run(["sleep", "30"], { signal: controller.signal });
    expect(result).toMatchObject({ aborted: true, timedOut: false, exitCode: null, signal: "SIGTERM" });
    expect(result.durationMs).toBeLessThan(3_000);
  });

  it.each([
    ["a missing command", () => ["definitely-not-a-command-cab"], () => dir, /ENOENT/],
    ["a missing cwd", () => ["true"], () => join(dir, "nope"), /ENOENT/],
  ])("%s gives spawnError, not a throw", async (_name, argv, cwd, pattern) => {
    const result = await runCommand({ argv: argv(), cwd: cwd(), env: env(), timeoutMs: 5_000 });
    expect(result.spawnError).toMatch(pattern);
    expect(result.exitCode).toBeNull();
    expect(result.timedOut).toBe(false);
  });
});
