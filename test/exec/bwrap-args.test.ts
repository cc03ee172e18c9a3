import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildBwrapArgs } from "../../src/exec/bwrap-args.js";

let scratch: string;
let cell: { cwd: string; home: string; tmp: string };
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cab-bwrap-args-"));
  cell = {
    cwd: join(scratch, "cell/workspace"),
    home: join(scratch, "cell/home"),
    tmp: join(scratch, "cell/tmp"),
  };
  for (const dir of Object.values(cell)) await mkdir(dir, { recursive: true });
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The `--flag SRC DEST` pairs of a kind, as "SRC DEST". */
function pairs(args: string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag ? [`${args[i + 1]} ${args[i + 2]}`] : []));
}

describe("buildBwrapArgs", () => {
  it("binds extra read-only folders (an installed TUI) after /tmp, so one under the real /tmp stays visible", async () => {
    const installed = join(scratch, "tui-cache/pi@1");
    await mkdir(installed, { recursive: true });
    const args = buildBwrapArgs({
      ...cell,
      env: { PATH: "/usr/bin:/bin" },
      readOnly: [installed, join(scratch, "gone")],
    });
    expect(pairs(args, "--ro-bind")).toContain(`${installed} ${installed}`);
    expect(args.join(" ")).not.toContain(join(scratch, "gone"));
    expect(args.indexOf(installed)).toBeGreaterThan(args.indexOf("/tmp"));
    expect(args).not.toContain("--share-net");
  });

  it("binds only the cell's workspace, home and tmp writable, tmp also as /tmp, and starts in the workspace", () => {
    const args = buildBwrapArgs({ ...cell, env: { PATH: "/usr/bin:/bin" } });
    expect(pairs(args, "--bind")).toEqual([
      `${cell.tmp} /tmp`,
      `${cell.cwd} ${cell.cwd}`,
      `${cell.home} ${cell.home}`,
      `${cell.tmp} ${cell.tmp}`,
    ]);
    expect(args.slice(-4)).toEqual(["--remount-ro", "/", "--chdir", cell.cwd]);
    expect(args).toEqual(expect.arrayContaining(["--unshare-all", "--die-with-parent", "--new-session"]));
    expect(args.join(" ")).toContain("--cap-drop ALL");
    expect(args.join(" ")).toContain("--proc /proc --dev /dev");
    expect(args).not.toContain("--share-net");
  });

  it("keeps the network only when asked", () => {
    expect(buildBwrapArgs({ ...cell, env: {}, network: true })).toContain("--share-net");
  });

  it("binds the system read-only and never the real home", () => {
    const args = buildBwrapArgs({ ...cell, env: { PATH: `${homedir()}:/:/usr/bin` } });
    const readOnly = pairs(args, "--ro-bind").map((pair) => pair.split(" ")[1]);
    expect(readOnly).toContain("/usr");
    expect(readOnly).toContain("/etc");
    expect(readOnly).not.toContain(homedir());
    expect(readOnly).not.toContain("/");
    expect(pairs(args, "--bind").some((pair) => pair.startsWith(`${homedir()} `))).toBe(false);
  });

  it("binds toolchain homes and extra PATH folders read-only, once, and hides credentials in them", async () => {
    const cargo = join(scratch, "toolchains/cargo");
    await mkdir(join(cargo, "bin"), { recursive: true });
    await writeFile(join(cargo, "credentials.toml"), "[registry]\ntoken = 'secret'\n");
    const tools = join(scratch, "tools/bin");
    await mkdir(tools, { recursive: true });
    const args = buildBwrapArgs({
      ...cell,
      env: {
        CARGO_HOME: cargo,
        PATH: `${join(cargo, "bin")}:${tools}:/usr/bin:relative/bin:${join(scratch, "missing")}`,
      },
    });
    const readOnly = pairs(args, "--ro-bind");
    expect(readOnly).toContain(`${cargo} ${cargo}`);
    expect(readOnly).toContain(`${tools} ${tools}`);
    expect(readOnly.filter((pair) => pair.includes(cargo))).toEqual([
      `${cargo} ${cargo}`,
      `/dev/null ${join(cargo, "credentials.toml")}`,
    ]);
    expect(readOnly.some((pair) => pair.includes("relative") || pair.includes("missing"))).toBe(false);
  });
});
