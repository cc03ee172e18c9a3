import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { type BwrapProbe, resolveSandbox } from "../../src/exec/sandbox.js";

const usable = async (): Promise<BwrapProbe> => ({ usable: true, path: "/usr/bin/bwrap", reason: "" });
const missing = async (): Promise<BwrapProbe> => ({
  usable: false,
  path: null,
  reason: "bwrap is not installed",
});

describe("resolveSandbox", () => {
  it("auto is bwrap when bwrap works, with no warning", async () => {
    const resolved = await resolveSandbox("auto", usable);
    expect(resolved).toMatchObject({ mode: "bwrap", warning: null });
    expect(resolved.detail).toMatch(/^bwrap \(read-only system, no network, own PID namespace/);
  });

  it("auto without bwrap is none, with one warning line naming what is not isolated", async () => {
    const resolved = await resolveSandbox("auto", missing);
    expect(resolved.mode).toBe("none");
    expect(resolved.warning).toMatch(
      /^warning: no sandbox \(bwrap is not installed\) — not isolated: network, PID namespace/,
    );
    expect(resolved.warning).toContain("read-only system");
    expect(resolved.warning).not.toContain("\n");
  });

  it("bwrap that cannot work is a configuration error (exit 2) with the reason", async () => {
    const error = await resolveSandbox("bwrap", missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/--sandbox bwrap: .*bwrap is not installed/);
    expect((error as ConfigError).exitCode).toBe(2);
  });

  it("none is none even where bwrap works, and still says what that leaves open", async () => {
    const resolved = await resolveSandbox("none", usable);
    expect(resolved.mode).toBe("none");
    expect(resolved.warning).toMatch(/not isolated: network, PID namespace .*read-only system$/);
  });
});
