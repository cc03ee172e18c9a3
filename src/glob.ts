/**
 * Minimal POSIX-path glob matching for task files (`tests/**`, `src/*.rs`, `polyglot/*`).
 * `**` spans directories, `*` and `?` stay within one segment, and `dir/**` also matches `dir` itself.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === "*") {
      if (pattern[i + 1] === "*") {
        const atSegmentEnd = pattern[i + 2] === "/";
        source += atSegmentEnd ? "(?:.*/)?" : ".*";
        i += atSegmentEnd ? 2 : 1;
      } else {
        source += "[^/]*";
      }
    } else if (char === "?") {
      source += "[^/]";
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  if (source.endsWith("/.*")) source = `${source.slice(0, -3)}(?:/.*)?`;
  return new RegExp(`^${source}$`);
}

/** A matcher for a list of globs: true when any matches the path. */
export function createGlobMatcher(patterns: readonly string[]): (path: string) => boolean {
  const regexps = patterns.map(globToRegExp);
  return (path) => regexps.some((re) => re.test(path));
}

/** Whether a string uses glob syntax at all. */
export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}
