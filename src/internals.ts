/**
 * Pieces of the harness the benchmark script (bench/) times one by one. Not a public API: no stability
 * promise; it exists because the published build is one bundle, so bench/ cannot import single modules.
 */

export { createTokenEstimator } from "./agent/builtin/estimate-tokens.js";
export { SYSTEM_PROMPT } from "./agent/builtin/prompt.js";
export { TOOL_SCHEMAS } from "./agent/builtin/tool-schemas.js";
export { prepareCleanRoom } from "./check/clean-room/prepare-clean-room.js";
export { addTamperTests } from "./check/tamper/add-tamper-tests.js";
export { createOutDirWriter } from "./out-dir.js";
export { createRedactor } from "./redact.js";
