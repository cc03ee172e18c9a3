// Install: the packed tarball, a clean `npm install` of it and a cold `npx`, each with a fresh empty npm cache.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./spawn-cli.mjs";
import { round, row, sum } from "./stats.mjs";

const run = promisify(execFile);
const MB = 1024 * 1024;

/** npm with a private, empty cache and none of the npm_* settings `npm run bench` passes down. */
function npmEnv(cache) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return {
    ...env,
    npm_config_cache: cache,
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
  };
}

async function npm(args, cwd, cache) {
  const started = performance.now();
  const { stdout } = await run("npm", args, { cwd, env: npmEnv(cache), maxBuffer: 64 * MB });
  return { stdout, ms: performance.now() - started };
}

async function duBytes(dir) {
  const { stdout } = await run("du", ["-sb", dir]);
  return Number.parseInt(stdout, 10);
}

/** Installed size per top-level package (scopes opened), largest first: where the megabytes are. */
async function largestPackages(modules, count) {
  const names = [];
  for (const entry of await readdir(modules)) {
    if (entry.startsWith(".")) continue;
    if (entry.startsWith("@"))
      for (const sub of await readdir(join(modules, entry))) names.push(`${entry}/${sub}`);
    else names.push(entry);
  }
  const sized = await Promise.all(
    names.map(async (name) => ({ name, mb: round((await duBytes(join(modules, name))) / MB, 2) })),
  );
  return sized.sort((a, b) => b.mb - a.mb).slice(0, count);
}

/** What npm fetched into a cache: total bytes and the largest responses (packuments and tarballs). */
async function cacheFetches(cache, count) {
  const index = join(cache, "_cacache", "index-v5");
  const entries = await readdir(index, { recursive: true, withFileTypes: true }).catch(() => []);
  const fetched = new Map();
  for (const entry of entries.filter((e) => e.isFile())) {
    for (const line of (await readFile(join(entry.parentPath, entry.name), "utf8")).split("\n")) {
      const json = line.slice(line.indexOf("\t") + 1);
      if (!json) continue;
      const { key, size } = JSON.parse(json);
      const url = key.replace(/^make-fetch-happen:request-cache:/, "");
      if (url.startsWith("http")) fetched.set(url.replace("https://registry.npmjs.org/", ""), size);
    }
  }
  const sorted = [...fetched].sort((a, b) => b[1] - a[1]);
  return {
    requests: sorted.length,
    mb: round(sum(sorted.map(([, size]) => size)) / MB, 2),
    largest: sorted.slice(0, count).map(([url, size]) => ({ url, mb: round(size / MB, 2) })),
  };
}

export async function measureInstall() {
  const scratch = await mkdtemp(join(tmpdir(), "cab-bench-install-"));
  try {
    const packed = await npm(
      ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch],
      ROOT,
      join(scratch, "cache-pack"),
    );
    const [info] = JSON.parse(packed.stdout);
    const tarball = join(scratch, info.filename);
    const tarballBytes = (await stat(tarball)).size;

    const project = join(scratch, "project");
    await run("mkdir", ["-p", project]);
    const installed = await npm(["install", tarball], project, join(scratch, "cache-install"));
    const modules = join(project, "node_modules");
    const lock = JSON.parse(await readFile(join(modules, ".package-lock.json"), "utf8"));
    const packages = Object.keys(lock.packages).filter((p) => p.startsWith("node_modules/"));
    const installedBytes = await duBytes(modules);
    const largest = await largestPackages(modules, 6);

    const empty = join(scratch, "npx-cwd");
    await run("mkdir", ["-p", empty]);
    const npxCache = join(scratch, "cache-npx");
    const started = performance.now();
    const { stdout } = await run("npx", ["--yes", "--package", tarball, "cab", "--version"], {
      cwd: empty,
      env: npmEnv(npxCache),
    });
    const npxMs = performance.now() - started;
    if (stdout.trim() !== info.version) throw new Error(`npx cab --version printed ${stdout.trim()}`);
    const npxFetched = await cacheFetches(npxCache, 6);
    // A packument fetched for a package that is not installed: an optional peer dependency of one that is.
    const peerOf = new Map();
    for (const [path, entry] of Object.entries(lock.packages))
      for (const peer of Object.keys(entry.peerDependencies ?? {}))
        peerOf.set(peer, [...(peerOf.get(peer) ?? []), path.replace(/^.*node_modules\//, "")]);
    const describe = (url) => {
      const name = decodeURIComponent(url.replace(/\/-\/.*/, ""));
      if (url.includes("/-/")) return `${name} tarball`;
      const installed = packages.some((p) => p.endsWith(`node_modules/${name}`));
      return installed
        ? `${name} metadata`
        : `${name} metadata (optional peer of ${peerOf.get(name)?.join(", ") ?? "?"}; not installed)`;
    };
    for (const f of npxFetched.largest) f.what = describe(f.url);

    const data = {
      tarball: info.filename,
      tarball_bytes: tarballBytes,
      unpacked_bytes: info.unpackedSize,
      files: info.entryCount,
      install_ms: round(installed.ms),
      installed_bytes: installedBytes,
      packages: packages.length,
      package_names: packages.map((p) => p.replace(/^.*node_modules\//, "")),
      largest_packages_mb: largest,
      cold_npx_ms: round(npxMs),
      cold_npx_fetched: npxFetched,
    };
    const rows = [
      row(
        "install",
        `npm pack: ${info.entryCount} files, unpacked ${round(info.unpackedSize / MB, 2)} MB`,
        round(tarballBytes / 1024, 1),
        "kB",
      ),
      row("install", "clean npm install: packages (incl. cab itself)", packages.length, "", { max: 15 }),
      row("install", "clean npm install: node_modules size", round(installedBytes / MB, 2), "MB", {
        max: 30,
      }),
      row(
        "install",
        `  largest: ${largest
          .slice(0, 3)
          .map((p) => `${p.name} ${p.mb} MB`)
          .join(", ")}`,
        round(installed.ms / 1000, 1),
        "s install",
      ),
      row("install", "cold npx --package <tarball> cab --version", round(npxMs / 1000, 2), "s", { max: 10 }),
      row("install", `  fetched by that npx: ${npxFetched.requests} responses`, npxFetched.mb, "MB"),
      ...npxFetched.largest.slice(0, 4).map((f) => row("install", `    ${f.what}`, f.mb, "MB")),
    ];
    return { rows, data };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
