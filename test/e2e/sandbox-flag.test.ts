import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunDocument } from "../../src/report/run-document.js";
import { runCli } from "../helpers/run-cli.js";

const TASK = "polyglot/js-async-foreach";
let scratch: string | null = null;

/** A PATH folder with only what a noop cell needs (git and sh for the workspace, node for the check): no bwrap. */
async function pathWithoutBwrap(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cab-no-bwrap-"));
  await symlink(process.execPath, join(dir, "node"));
  await symlink("/usr/bin/git", join(dir, "git"));
  await symlink("/bin/sh", join(dir, "sh"));
  return dir;
}
afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = null;
});

describe("cab check --sandbox", () => {
  it("refuses a value that is not auto, bwrap or none (exit 2)", async () => {
    const run = await runCli(["check", "--tui", "noop", "--task", TASK, "--sandbox", "docker"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--sandbox must be one of auto, bwrap, none, got docker");
  });

  it("auto without bwrap runs unsandboxed after one warning line naming what is not isolated", async () => {
    scratch = await pathWithoutBwrap();
    const run = await runCli(["check", "--tui", "noop", "--task", TASK, "--json"], {
      env: { PATH: scratch },
    });
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr.split("\n").filter((line) => line.startsWith("warning: no sandbox"));
    expect(warnings).toEqual([
      "warning: no sandbox (bwrap is not installed) — not isolated: network, PID namespace (commands see every process, and this one's environment), read-only system; install bubblewrap to isolate commands",
    ]);
    const document = JSON.parse(run.stdout) as RunDocument;
    expect(document.run.limits.sandbox).toBe("none");
    expect(document.cells[0]?.trace.spans.find((s) => s.kind === "check")?.attrs.tests).toMatchObject({
      total: 7,
    });
  });

  it("bwrap without bwrap is a configuration error (exit 2) that says why", async () => {
    scratch = await pathWithoutBwrap();
    const run = await runCli(["check", "--tui", "noop", "--task", TASK, "--sandbox", "bwrap"], {
      env: { PATH: scratch },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--sandbox bwrap: bubblewrap cannot build a sandbox here: bwrap is not installed/,
    );
  });
});
