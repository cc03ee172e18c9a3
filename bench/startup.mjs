// Start-up: `cab --version` and `cab list` beside `node -e 0`, interleaved so machine load hits all three alike.
import { spawnSync } from "node:child_process";
import { BIN } from "./spawn-cli.mjs";
import { median, round, row } from "./stats.mjs";

const COMMANDS = {
  node_e_0: ["-e", "0"],
  cab_version: [BIN, "--version"],
  cab_list: [BIN, "list"],
};

export function measureStartup({ repeats }) {
  const times = Object.fromEntries(Object.keys(COMMANDS).map((name) => [name, []]));
  for (let i = 0; i < repeats; i++) {
    for (const [name, args] of Object.entries(COMMANDS)) {
      const started = performance.now();
      const result = spawnSync(process.execPath, args, {
        stdio: "ignore",
        env: { ...process.env, NO_COLOR: "1" },
      });
      if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
      times[name].push(performance.now() - started);
    }
  }
  const ms = Object.fromEntries(Object.entries(times).map(([name, t]) => [name, round(median(t))]));
  const data = {
    repeats,
    median_ms: ms,
    version_ratio: round(ms.cab_version / ms.node_e_0, 2),
    list_ratio: round(ms.cab_list / ms.node_e_0, 2),
  };
  const rows = [
    row("start-up", `node -e 0 (median of ${repeats})`, ms.node_e_0, "ms"),
    row("start-up", `cab --version: ${ms.cab_version} ms, ratio`, data.version_ratio, "×", { max: 2 }),
    row("start-up", `cab list: ${ms.cab_list} ms, ratio`, data.list_ratio, "×", { max: 3 }),
  ];
  return { rows, data };
}
