import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installTui, npmInstallArgs, tuiCacheRoot } from "../../../src/agent/tuis/install-tui.js";
import { CabError } from "../../../src/errors.js";

let scratch: string;
let tarball: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cab-install-tui-"));
  // A tiny package packed locally: npm installs it with no registry.
  const pkg = join(scratch, "fixture-tui");
  await mkdir(join(pkg, "bin"), { recursive: true });
  await writeFile(
    join(pkg, "package.json"),
    JSON.stringify({ name: "fixture-tui", version: "1.2.3", bin: "bin/cli.js" }),
  );
  await writeFile(join(pkg, "bin", "cli.js"), "#!/usr/bin/env node\nconsole.log('fixture');\n".repeat(50));
  const name = execFileSync("npm", ["pack", "--silent", pkg], { cwd: scratch, encoding: "utf8" }).trim();
  tarball = join(scratch, name);
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

const offlineEnv = (cache: string) => ({
  ...process.env,
  XDG_CACHE_HOME: cache,
  npm_config_registry: "http://127.0.0.1:9/",
  npm_config_fetch_retries: "0",
});

describe("tuiCacheRoot", () => {
  it.each([
    [{ XDG_CACHE_HOME: "/x/cache", HOME: "/home/u" }, "/x/cache/codingagentbench/tuis"],
    [{ HOME: "/home/u" }, "/home/u/.cache/codingagentbench/tuis"],
    [{ XDG_CACHE_HOME: "", HOME: "/home/u" }, "/home/u/.cache/codingagentbench/tuis"],
  ])("%j → %s", (env, expected) => {
    expect(tuiCacheRoot(env)).toBe(expected);
  });
});

describe("installTui", () => {
  it("installs once into <cache>/<id>, through a temp folder renamed into place, and records the size", async () => {
    const cache = join(scratch, "cache-a");
    const pkg = { id: "fixture-tui@1.2.3", specs: [tarball] };
    const lines: string[] = [];
    const [first, second] = await Promise.all([
      installTui(pkg, { env: offlineEnv(cache), log: (line) => lines.push(line) }),
      installTui(pkg, { env: offlineEnv(cache) }),
    ]);
    expect(second).toBe(first); // concurrent cells share one install
    const dir = join(cache, "codingagentbench", "tuis", "fixture-tui@1.2.3");
    expect(first).toMatchObject({ dir, fresh: true });
    expect(first.bytes).toBeGreaterThan(0);
    expect(existsSync(join(dir, "node_modules", "fixture-tui", "bin", "cli.js"))).toBe(true);
    expect(JSON.parse(await readFile(join(dir, "cab-install.json"), "utf8"))).toMatchObject({
      id: "fixture-tui@1.2.3",
      bytes: first.bytes,
    });
    // No temp sibling and no npm download cache are left behind.
    expect(await readdir(join(cache, "codingagentbench", "tuis"))).toEqual(["fixture-tui@1.2.3"]);
    expect(existsSync(join(dir, ".npm-cache"))).toBe(false);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^installed fixture-tui@1\.2\.3: \d+ MB in \d+ s$/);
  });

  it("uses a finished install it finds in the cache without running npm", async () => {
    const cache = join(scratch, "cache-b");
    const dir = join(cache, "codingagentbench", "tuis", "cached-tui@9.9.9");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "cab-install.json"), JSON.stringify({ id: "cached-tui@9.9.9", bytes: 4096 }));
    const installed = await installTui(
      { id: "cached-tui@9.9.9", specs: ["cached-tui-that-does-not-exist@9.9.9"] },
      { env: offlineEnv(cache) },
    );
    expect(installed).toMatchObject({ dir, bytes: 4096, fresh: false });
  });

  it("an unreachable registry is a clear infra error, and leaves no folder", async () => {
    const cache = join(scratch, "cache-c");
    const error = await installTui(
      { id: "cab-no-such-tui@1.0.0", specs: ["cab-no-such-tui@1.0.0"] },
      { env: offlineEnv(cache), timeoutMs: 120_000 },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CabError);
    expect((error as CabError).exitCode).toBe(3);
    expect((error as Error).message).toMatch(
      /^cannot install cab-no-such-tui@1\.0\.0: the npm registry is unreachable \(check your network/,
    );
    expect(await readdir(join(cache, "codingagentbench", "tuis"))).toEqual([]);
  });

  it("npm runs with exact specs, no scripts, no lockfile, no audit", () => {
    expect(npmInstallArgs({ id: "x@1", specs: ["x@1.0.0"] })).toEqual([
      "install",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--no-package-lock",
      "--no-save",
      "--loglevel=error",
      "x@1.0.0",
    ]);
  });
});
