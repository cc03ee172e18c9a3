import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let scratch: string | null = null;
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

// The product is the published tarball: it must run with npx in an empty folder with an empty npm cache.
describe("zero-install", () => {
  it("npm pack, then npx --package <tarball> cab check --demo in an empty folder passes", {
    timeout: 300_000,
  }, async () => {
    scratch = await mkdtemp(join(tmpdir(), "cab-npx-"));
    const packDir = join(scratch, "pack");
    const emptyDir = join(scratch, "empty");
    const cache = join(scratch, "npm-cache");
    await Promise.all([mkdir(packDir), mkdir(emptyDir), mkdir(cache)]);
    await run("npm", ["pack", "--silent", "--pack-destination", packDir], { cwd: ROOT });
    const [tarball] = await readdir(packDir);
    expect(tarball).toMatch(/^codingagentbench-cli-.+\.tgz$/);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      npm_config_cache: cache,
      npm_config_update_notifier: "false",
      NO_COLOR: "1",
    };
    for (const name of Object.keys(env)) if (/^(CAB_|OPENAI_)/.test(name)) delete env[name];
    const { stdout } = await run(
      "npx",
      ["--yes", "--package", join(packDir, tarball as string), "cab", "check", "--demo"],
      {
        cwd: emptyDir,
        env,
        timeout: 240_000,
      },
    );
    expect(stdout).toContain("PROVISIONAL — not for citation");
    expect(stdout).toContain("Pass            1.000");
    expect(await readdir(emptyDir)).toEqual([]);
  });
});
