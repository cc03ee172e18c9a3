import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadBundle } from "../../src/bundle/load-bundle.js";
import { MAX_PATH_ENTRIES, MAX_TASK_FILE_BYTES, validateTaskFile } from "../../src/bundle/task-schema.js";
import { BundleError } from "../../src/errors.js";
import { buildCommandEnv } from "../../src/exec/scrub-env.js";

const TASK = {
  id: "polyglot/tiny",
  version: "v0.1",
  category: "polyglot",
  language: "python",
  title: "A tiny task",
  budget: { max_turns: 5, timeout_s: 60 },
  check: { run: ["python3", "-m", "unittest"], timeout_s: 30, parser: "unittest" },
};

let bundle: string;
let taskDir: string;
beforeEach(async () => {
  bundle = await mkdtemp(join(tmpdir(), "cab-untrusted-"));
  taskDir = join(bundle, "polyglot/tiny");
  await mkdir(join(taskDir, "workspace/src"), { recursive: true });
  await mkdir(join(taskDir, "solution"), { recursive: true });
  await writeFile(join(taskDir, "task.yaml"), JSON.stringify(TASK));
  await writeFile(join(taskDir, "workspace/src/main.py"), "print(1)\n");
});
afterEach(async () => {
  await rm(bundle, { recursive: true, force: true });
});

async function loadError(): Promise<string> {
  const error = await loadBundle(bundle).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleError);
  return (error as BundleError).message;
}

describe("a task folder's symlinks stay inside it", () => {
  it("accepts links that point inside the task folder", async () => {
    await symlink("src/main.py", join(taskDir, "workspace/alias.py"));
    await symlink("../workspace/src", join(taskDir, "solution/src"));
    expect((await loadBundle(bundle)).tasks).toHaveLength(1);
  });

  it.each([
    ["an absolute link to a secret", "/etc/shadow", "workspace/shadow"],
    ["a relative link that climbs out", "../../../../etc", "workspace/etc"],
    ["a link into a sibling task", "../../other/workspace", "workspace/other"],
    ["a dangling link that would be created outside", "/tmp/cab-not-there/new", "workspace/out"],
    ["a link in solution/", "/root", "solution/root"],
  ])("refuses %s", async (_name, target, at) => {
    await symlink(target, join(taskDir, at));
    const message = await loadError();
    expect(message).toContain(join(taskDir, at));
    expect(message).toContain(`symlink to ${target} points outside its task folder`);
  });

  it("refuses a link that resolves outside through another link", async () => {
    await symlink("/", join(taskDir, "workspace/root"));
    await symlink("root/etc", join(taskDir, "workspace/via"));
    expect(await loadError()).toMatch(/symlink to .* points outside its task folder/);
  });
});

describe("task.yaml size and count limits", () => {
  it("refuses a task.yaml over the size limit before parsing it", async () => {
    await writeFile(
      join(taskDir, "task.yaml"),
      `${JSON.stringify(TASK)}\n#${"x".repeat(MAX_TASK_FILE_BYTES)}`,
    );
    expect(await loadError()).toMatch(
      new RegExp(`over the ${MAX_TASK_FILE_BYTES}-byte limit for a task.yaml`),
    );
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      "too many protected paths",
      { protected: Array.from({ length: MAX_PATH_ENTRIES + 1 }, (_, i) => `f${i}`) },
      /protected: must have at most 200 entries/,
    ],
    [
      "too many check arguments",
      { check: { ...TASK.check, run: Array.from({ length: 65 }, () => "x") } },
      /check\.run: must have at most 64 entries/,
    ],
    ["an argument of 5000 characters", { check: { ...TASK.check, run: ["x".repeat(5000)] } }, /at most 4096/],
    ["HOME in check.env", { check: { ...TASK.check, env: { HOME: "/root" } } }, /set by the harness/],
    [
      "CAB_SANDBOX in check.env",
      { check: { ...TASK.check, env: { CAB_SANDBOX: "none" } } },
      /set by the harness/,
    ],
    [
      "CARGO_HOME in check.env",
      { check: { ...TASK.check, env: { CARGO_HOME: "/root" } } },
      /set by the harness/,
    ],
    ["a path with a NUL byte", { expected_changes: ["a\0b"] }, /relative path inside the task/],
  ])("refuses %s", (_name, patch, message) => {
    const result = validateTaskFile({ ...TASK, ...patch });
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.problems.join("\n")).toMatch(message);
  });

  it("still accepts the variables the catalogue uses", () => {
    const env = { GOPROXY: "off", GOFLAGS: "-mod=mod", ASAN_OPTIONS: "detect_leaks=1" };
    expect(validateTaskFile({ ...TASK, check: { ...TASK.check, env } }).ok).toBe(true);
  });
});

describe("buildCommandEnv with a task's check.env", () => {
  it("never lets it choose HOME, TMPDIR, PATH, the sandbox or a toolchain home", () => {
    const env = buildCommandEnv({
      home: "/cell/home",
      tmpdir: "/cell/tmp",
      sandbox: "bwrap",
      source: { PATH: "/usr/bin" },
      extra: {
        HOME: "/root",
        TMPDIR: "/",
        PATH: "/evil",
        CAB_SANDBOX: "none",
        CARGO_HOME: "/root",
        OK_VAR: "1",
      },
    });
    expect(env).toMatchObject({
      HOME: "/cell/home",
      TMPDIR: "/cell/tmp",
      PATH: "/usr/bin",
      CAB_SANDBOX: "bwrap",
      OK_VAR: "1",
    });
    expect(env.CARGO_HOME).not.toBe("/root");
  });
});
