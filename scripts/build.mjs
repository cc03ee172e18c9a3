// Build dist/: one esbuild bundle of the CLI and its dependencies (so the published package installs
// nothing else: `npx` fetches one tarball instead of resolving a dependency tree), the licence notices
// of everything bundled, and type declarations for the programmatic API.
import { spawnSync } from "node:child_process";
import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
// Built beside dist/ and swapped in at the end, so a CLI started meanwhile never finds dist/ half-written.
const STAGING = join(ROOT, `dist.staging-${process.pid}`);
// Licence texts go in fences: some carry markdown headings of their own.
const FENCE = "```";

await rm(STAGING, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { cli: "src/cli/main.ts", index: "src/index.ts", internals: "src/internals.ts" },
  outdir: STAGING,
  // Flat: src/package-root.ts finds the package root as `..` from any chunk.
  entryNames: "[name]",
  chunkNames: "chunk-[hash]",
  bundle: true,
  // Lazy `import()`s stay lazy: `cab --version` and `cab list` load only their own chunks.
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.18",
  // Bundled CommonJS (undici, openai's CJS paths) calls require() for Node built-ins.
  banner: {
    js: 'import { createRequire as __cabCreateRequire } from "node:module"; const require = __cabCreateRequire(import.meta.url);',
  },
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});

await writeFile(join(STAGING, "THIRD-PARTY-NOTICES.md"), await thirdPartyNotices(result.metafile));

const declarations = spawnSync(
  process.execPath,
  [
    join(ROOT, "node_modules/typescript/bin/tsc"),
    ...["-p", "tsconfig.build.json", "--emitDeclarationOnly", "--outDir", STAGING],
  ],
  { cwd: ROOT, stdio: "inherit" },
);
const previous = `${DIST}.previous-${process.pid}`;
await rename(DIST, previous).catch(() => {});
await rename(STAGING, DIST);
await rm(previous, { recursive: true, force: true });
// Like tsc: a type error fails the build, but the bundle (which esbuild made without type checking) is in place.
if (declarations.status !== 0) process.exit(declarations.status ?? 1);

/** Each bundled package's name, version, licence and licence text: their licences ask for it. */
async function thirdPartyNotices(metafile) {
  const packageDirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
    if (match) packageDirs.add(match[1]);
  }
  const sections = [];
  for (const dir of [...packageDirs].sort()) {
    const manifest = JSON.parse(await readFile(join(ROOT, dir, "package.json"), "utf8"));
    const licenceFile = (await readdir(join(ROOT, dir))).find((name) => /^(licen[cs]e|copying)/i.test(name));
    const text = licenceFile
      ? (await readFile(join(ROOT, dir, licenceFile), "utf8")).trim()
      : `(no licence file in the package; package.json says: ${manifest.license ?? "nothing"})`;
    sections.push(
      `## ${manifest.name} ${manifest.version} — ${manifest.license ?? "see below"}\n\n${FENCE}text\n${text}\n${FENCE}`,
    );
  }
  return `# Third-party software bundled in dist/\n\n${sections.join("\n\n")}\n`;
}
