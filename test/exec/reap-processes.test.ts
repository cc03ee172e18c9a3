import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findProcessesIn, killProcessesIn } from "../../src/exec/reap-processes.js";
import { isAlive, markerSeconds, processesWithMarker, waitFor } from "../helpers/processes.js";

let cell: string;
let outside: string;
const started: number[] = [];
beforeEach(async () => {
  cell = await mkdtemp(join(tmpdir(), "cab-reap-"));
  outside = await mkdtemp(join(tmpdir(), "cab-reap-outside-"));
  await mkdir(join(cell, "home"));
});
afterEach(async () => {
  for (const pid of started.splice(0)) if (isAlive(pid)) process.kill(pid, "SIGKILL");
  await rm(cell, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

/** Start a double-forked daemon (setsid, then a background child) and return the daemon's pid. */
async function startDaemon(env: Record<string, string>, cwd: string): Promise<number> {
  const pidFile = join(outside, `daemon-${started.length}.pid`);
  const script = `setsid bash -c 'sleep ${markerSeconds()} </dev/null >/dev/null 2>&1 & echo $! > ${pidFile}' &`;
  await new Promise((resolve) =>
    spawn("bash", ["-c", script], { env, cwd, stdio: "ignore" }).on("close", resolve),
  );
  await waitFor(() => Boolean(readFileSafe(pidFile)));
  const pid = Number(await readFile(pidFile, "utf8"));
  started.push(pid);
  return pid;
}

function readFileSafe(path: string): string | null {
  try {
    return readFileSync(path, "utf8").trim() || null;
  } catch {
    return null;
  }
}

describe("findProcessesIn / killProcessesIn", () => {
  it("finds a daemon by its environment (HOME in the cell) and kills it, counting it", async () => {
    const pid = await startDaemon(
      { PATH: process.env.PATH ?? "/usr/bin", HOME: join(cell, "home") },
      outside,
    );
    expect(findProcessesIn([cell])).toContain(pid);
    expect(await killProcessesIn([cell])).toBe(1);
    expect(await waitFor(() => !isAlive(pid))).toBe(true);
    expect(await killProcessesIn([cell])).toBe(0);
  });

  it("finds a daemon whose environment names the cell in a roundabout way (a PATH entry with ./ and ..)", async () => {
    const roundabout = `/usr/bin:${outside}/../${cell.split("/").at(-1)}/./home/bin`;
    const pid = await startDaemon({ PATH: roundabout }, outside);
    expect(findProcessesIn([cell])).toContain(pid);
    await killProcessesIn([cell]);
    expect(await waitFor(() => !isAlive(pid))).toBe(true);
  });

  it("finds a process by its working folder even with an empty environment", async () => {
    const pid = await startDaemon({ PATH: process.env.PATH ?? "/usr/bin" }, cell);
    expect(findProcessesIn([cell])).toContain(pid);
    await killProcessesIn([cell]);
    expect(await waitFor(() => !isAlive(pid))).toBe(true);
  });

  it("leaves processes of other folders alone", async () => {
    const pid = await startDaemon({ PATH: process.env.PATH ?? "/usr/bin", HOME: outside }, outside);
    expect(findProcessesIn([cell])).not.toContain(pid);
    expect(await killProcessesIn([cell])).toBe(0);
    expect(isAlive(pid)).toBe(true);
  });

  it.each([
    ["/", () => "/"],
    ["the temp folder", () => tmpdir()],
    ["the home folder", () => homedir()],
    ["the working folder", () => process.cwd()],
    ["a relative path", () => "home"],
  ])("never scans by a root as broad as %s", (_name, root) => {
    expect(findProcessesIn([root()])).toEqual([]);
  });

  it("kills processes it is handed (a command's cgroup) as well, and nothing twice", async () => {
    const marker = markerSeconds();
    const child = spawn("sleep", [marker], {
      detached: true,
      stdio: "ignore",
      env: { PATH: "/usr/bin:/bin" },
    });
    const pid = child.pid as number;
    started.push(pid);
    expect(await killProcessesIn([cell], async () => [pid, pid])).toBe(1);
    expect(await waitFor(() => processesWithMarker(marker).length === 0)).toBe(true);
  });
});
