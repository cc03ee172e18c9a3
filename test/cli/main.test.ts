import { describe, expect, it } from "vitest";
import type { CliIO } from "../../src/cli/io.js";
import { COMMANDS, main } from "../../src/cli/main.js";

describe("cab --help", () => {
  it("lists every command cab runs (the list is written apart from the lazily loaded commands)", async () => {
    const out: string[] = [];
    const io = { out: (text: string) => out.push(text), err: () => {} } as unknown as CliIO;
    expect(await main(["--help"], io)).toBe(0);
    const listed = [...out.join("\n").matchAll(/^\s+([a-z]+)\s{2,}\S/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(COMMANDS).sort());
  });
});
