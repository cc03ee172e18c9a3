import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunDocument } from "../../src/report/run-document.js";
import { type FakeEndpoint, startFakeEndpoint } from "../helpers/fake-endpoint.js";
import { bash, canSetImmutable, DEEP_NAME, DEEP_TREE } from "../helpers/odd-tree.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * Workspaces a model can make with its bash tool, each of which once crashed the CLI (exit 70) and left
 * the cell folder in the temp folder. Under --sandbox none, where the agent's commands run as this user
 * (root here: chattr +i works). Each run gets its own TMPDIR, to see that nothing is left in it.
 */
const TASK = "polyglot/python-reverse-string";
const IMMUTABLE = canSetImmutable(tmpdir());

let endpoint: FakeEndpoint | null = null;
let scratch: string | null = null;
afterEach(async () => {
  await endpoint?.close();
  endpoint = null;
  if (scratch) bash(`chattr -R -f -i "${scratch}"; rm -rf "${scratch}"`, "/");
  scratch = null;
});

async function runOdd(command: string) {
  endpoint = await startFakeEndpoint({
    script: [
      { toolCalls: [{ name: "bash", arguments: { command } }] },
      { toolCalls: [{ name: "finish", arguments: { message: "done" } }] },
    ],
  });
  scratch = await mkdtemp(join(tmpdir(), "cab-odd-"));
  const args = [
    "check",
    "--endpoint",
    endpoint.url,
    "--model",
    "odd",
    "--task",
    TASK,
    "--sandbox",
    "none",
    "--json",
  ];
  const run = await runCli(args, { env: { TMPDIR: scratch } });
  expect(run.code, run.stderr).toBeOneOf([0, 1]);
  expect(run.stderr).not.toContain("This is a bug");
  const cell = (JSON.parse(run.stdout) as RunDocument).cells[0];
  if (!cell) throw new Error("no cell in the result");
  expect(cell.status).toBe("completed");
  expect(cell.status_reason).toBe("the agent finished");
  expect(cell.scorer.pass_rate.pass).toBe(0);
  expect((await readdir(scratch)).filter((name) => name.startsWith("cab-cell-"))).toEqual([]);
  return { cell, stderr: run.stderr };
}

describe("a workspace the agent made odd ends as a scored cell, with no cell folder left", () => {
  it("a file name that is not UTF-8: recorded escaped", async () => {
    const { cell } = await runOdd(`printf x > "$(printf 'bad\\377name')"`);
    expect(cell.scorer.blast_radius.added).toEqual(["bad\\xFFname"]);
  });

  it("a 3 GB sparse file", async () => {
    const { cell } = await runOdd("truncate -s 3G big");
    expect(cell.scorer.blast_radius.added).toEqual(["big"]);
  });

  it("a path longer than 4096 bytes: recorded where it could not be read", async () => {
    const { cell } = await runOdd(DEEP_TREE);
    const added = cell.scorer.blast_radius.added;
    expect(added).toHaveLength(1);
    expect(added[0]?.startsWith(`${DEEP_NAME}/${DEEP_NAME}/`)).toBe(true);
  });

  it("fifos, sockets, symlink loops and a fifo where a refusal document is read", async () => {
    const { cell } = await runOdd(
      `mkfifo fifo REFUSAL.md && ln -s l1 l2 && ln -s l2 l1 && python3 -c "import socket; socket.socket(socket.AF_UNIX).bind('sock')"`,
    );
    expect(cell.scorer.blast_radius.added).toEqual(["REFUSAL.md", "fifo", "l1", "l2", "sock"]);
  });

  it.skipIf(!IMMUTABLE)(
    "chattr +i on a folder, on the tests and on the workspace itself (skipped: needs root and chattr)",
    async () => {
      const { cell } = await runOdd(
        "mkdir locked && echo x > locked/f && chattr +i locked locked/f tests && chattr +i .",
      );
      expect(cell.scorer.blast_radius.added).toEqual(["locked/f"]);
      // The hidden tests still got in and ran: the flags were cleared for the check.
      expect(cell.scorer.pass_rate.stderr_tail).toMatch(/Ran \d+ tests/);
    },
  );
});
