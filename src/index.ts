/**
 * The programmatic API: load a bundle, run cells, score and render them — what `cab` itself uses.
 * Re-exports only; importing this module does no work. Every score it yields is provisional.
 */
export { loadBundle } from "./bundle/load-bundle.js";
export { resolveBundle } from "./bundle/resolve-bundle.js";
export { selectTasks } from "./bundle/select-tasks.js";
export { renderBadge } from "./report/badge.js";
export { renderHtmlReport } from "./report/html.js";
export { renderJunitXml } from "./report/junit.js";
export { buildRunDocument, type RunDocument, type RunSettings, summarize } from "./report/run-document.js";
export { renderSummaryMarkdown } from "./report/summary-md.js";
export { renderCellCard } from "./report/terminal.js";
export { planCells, type RunOptions, runCells } from "./run.js";
export { PROVISIONAL_NOTICE } from "./run-cell.js";
export { METHODOLOGY_VERSION, scoreComposite } from "./score/composite.js";
export { scoreCell } from "./score/score-cell.js";
export type { CellResult, RunEvent, RunListener, Scorer, Task } from "./types.js";
export { CLI_VERSION } from "./version.js";
