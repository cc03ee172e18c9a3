import { createRequire } from "node:module";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./package-root.js";

/** This package's version, read from its package.json at run time (not inlined into the bundle). */
export const CLI_VERSION: string = (
  createRequire(import.meta.url)(join(PACKAGE_ROOT, "package.json")) as { version: string }
).version;
