import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aiderCommand } from "../../../src/agent/tuis/aider.js";
import { gooseCommand } from "../../../src/agent/tuis/goose.js";
import { resolveInstalledCommand } from "../../../src/agent/tuis/installed-command.js";
import { getTui } from "../../../src/agent/tuis.js";
import { UsageError } from "../../../src/errors.js";

let bin: string;
beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), "cab-path-tui-"));
  await writeFile(join(bin, "aider"), "#!/bin/sh\necho 'aider 0.86.2'\n");
  await chmod(join(bin, "aider"), 0o755);
});
afterAll(() => rm(bin, { recursive: true, force: true }));

describe("TUIs the user installs", () => {
  it.each([
    [
      aiderCommand,
      /--tui aider: not installed: `aider` is not on PATH\. Install it with .*pip install aider/,
    ],
    [
      gooseCommand,
      /--tui goose: not installed: `goose` is not on PATH\. Install the goose CLI from its GitHub/,
    ],
  ])("%s: not on PATH is a usage error (exit 2) saying how to install it", (tui, message) => {
    const error = (() => {
      try {
        resolveInstalledCommand(tui, "/nonexistent");
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
  });

  it("on PATH: the command found there, with the version it reports", () => {
    const tui = resolveInstalledCommand(aiderCommand, `/nonexistent:${bin}`);
    expect(tui).toMatchObject({ name: "aider", version: "0.86.2", needsEndpoint: true });
  });

  it("an unknown --tui lists every TUI", () => {
    expect(() => getTui("crush")).toThrow(
      /unknown --tui crush; available here: builtin, oracle, noop, pi, qwen-code, opencode, codex, aider, goose/,
    );
  });
});
