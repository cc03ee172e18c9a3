import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildTaskMessage } from "../../../src/agent/builtin/prompt.js";
import { createWorkspace, type Workspace } from "../../../src/workspace/create-workspace.js";

let source: string | undefined;
let workspace: Workspace | undefined;

afterEach(async () => {
  await workspace?.remove();
  if (source) await rm(source, { recursive: true, force: true });
  workspace = undefined;
  source = undefined;
});

async function workspaceWith(files: Record<string, string>): Promise<Workspace> {
  source = await mkdtemp(join(tmpdir(), "cab-prompt-"));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(source, path)), { recursive: true });
    await writeFile(join(source, path), content);
  }
  workspace = await createWorkspace(source, []);
  return workspace;
}

describe("buildTaskMessage", () => {
  it("gives the README, the AGENTS.md constraints and every tracked file, odd names whole", async () => {
    const made = await workspaceWith({
      "README.md": "# Fix the parser\n",
      "AGENTS.md": "Do not edit tests/.\n",
      "src/my file.py": "x = 1\n",
      "tests/test_a.py": "pass\n",
    });
    const message = await buildTaskMessage(made);
    expect(message).toBe(
      [
        "# Fix the parser",
        "## AGENTS.md (constraints you must follow)\n\nDo not edit tests/.",
        "## Files in the workspace\n\nAGENTS.md\nREADME.md\nsrc/my file.py\ntests/test_a.py",
      ].join("\n\n"),
    );
  });

  it("says so when there is no README and lists only what the workspace started with", async () => {
    const made = await workspaceWith({ "main.go": "package main\n" });
    await writeFile(join(made.dir, "untracked.txt"), "added after the baseline\n");
    const message = await buildTaskMessage(made);
    expect(message).toBe("(the workspace has no README.md)\n\n## Files in the workspace\n\nmain.go");
  });
});
