import { spawnSync } from "node:child_process";

/** Real odd trees for the workspace tests, made as an agent's shell would make them (bash: dash cannot cd past PATH_MAX). */
export function bash(script: string, cwd: string): string {
  const result = spawnSync("bash", ["-c", script], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`bash -c ${script}: ${result.stderr}`);
  return result.stdout;
}

/** 30 nested 200-byte folder names (over 6,000 bytes, past PATH_MAX) with a file at the bottom. */
export const DEEP_TREE =
  'd=$(printf "a%.0s" $(seq 200)); for i in $(seq 30); do mkdir "$d" && cd "$d" || exit 1; done; echo hi > f';
export const DEEP_NAME = "a".repeat(200);

export const IS_ROOT = process.getuid?.() === 0;

/** Whether chattr +i works here: root, chattr installed, a file system with the flag. */
export function canSetImmutable(dir: string): boolean {
  if (!IS_ROOT) return false;
  const probe = spawnSync(
    "sh",
    ["-c", "touch .probe && chattr +i .probe && chattr -i .probe; s=$?; rm -f .probe; exit $s"],
    {
      cwd: dir,
    },
  );
  return probe.status === 0;
}
