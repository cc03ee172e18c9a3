// Preloaded into the measured CLI process (`node --import`): as it exits, writes its own peak RSS
// (VmHWM, kB) and CPU time to $CAB_BENCH_PROBE_FILE. Child processes (git, node --test) do not load it.
import { readFileSync, writeFileSync } from "node:fs";

const file = process.env.CAB_BENCH_PROBE_FILE;
if (file) {
  process.on("exit", () => {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    const cpu = process.cpuUsage();
    writeFileSync(
      file,
      JSON.stringify({ vmhwm_kb: match ? Number(match[1]) : null, cpu_us: cpu.user + cpu.system }),
    );
  });
}
