import { fileURLToPath } from "node:url";

/**
 * The package's root folder (package.json, tasks/). This file sits one level below it in src/, and the build
 * writes every bundle chunk flat into dist/, so `..` is the root from either — keep it that way.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));
