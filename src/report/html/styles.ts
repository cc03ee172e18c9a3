/** The page's stylesheet: light theme, system fonts, no external resources. */
export const REPORT_STYLES = `
:root {
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
  --accent: #0550ae; --pass: #1a7f37; --fail: #cf222e; --infra: #9a6700; --skipped: #59636e;
  --k-task_setup: #6e7781; --k-agent_run: #8fb8f0; --k-model_call: #8250df; --k-retry_wait: #d4a72c;
  --k-tool_call: #1a7f37; --k-check: #0e7490; --k-cleanup: #afb8c1;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1240px; margin: 0 auto; padding: 1.25rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: .75rem 0 .25rem; line-height: 1.25; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
h3 { font-size: 1.02rem; margin: 1.5rem 0 .5rem; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: .85em; }
code { overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.error { color: var(--fail); }
.small { font-size: .85rem; }
.banner {
  margin: 0; padding: .75rem 1rem; border: 2px solid #bf8700; border-radius: 6px;
  background: #fff8c5; color: #4d2d00; font-size: 1.05rem; text-align: center;
}
.kv { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .75rem 0; }
.kv dt { color: var(--muted); }
.kv dd { margin: 0; overflow-wrap: anywhere; min-width: 0; }
.meta { grid-template-columns: max-content 1fr max-content 1fr; }
.badge {
  display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .78rem; font-weight: 600;
  letter-spacing: .02em; border: 1px solid currentColor; white-space: nowrap;
}
.badge.pass { color: var(--pass); background: #dafbe1; }
.badge.fail { color: var(--fail); background: #ffebe9; }
.badge.infra { color: var(--infra); background: #fff8c5; }
.badge.skipped { color: var(--skipped); background: var(--panel); }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: .75rem; margin: 1.25rem 0; }
.stat, .figure { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.stat .value { font-size: 1.45rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.stat .label, .figure .label { color: var(--muted); font-size: .85rem; }
.scroll { overflow-x: auto; }
table.data { width: 100%; border-collapse: collapse; font-size: .88rem; }
table.data th, table.data td { padding: .35rem .5rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
table.data thead th { background: var(--panel); border-bottom: 2px solid var(--line); white-space: nowrap; }
table.data tbody tr:nth-child(even) { background: #f6f8fa; }
table.data tbody tr.failed td { color: var(--fail); }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.data .strong { font-weight: 600; }
table.data .wrap { overflow-wrap: anywhere; min-width: 10rem; }
table.sortable th button {
  font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer;
}
table.sortable th button::after { content: " \\2195"; content: " \\2195" / ""; color: var(--muted); font-weight: 400; font-size: .8em; }
table.sortable th[aria-sort="ascending"] button::after { content: " \\25B2"; content: " \\25B2" / ""; color: var(--accent); }
table.sortable th[aria-sort="descending"] button::after { content: " \\25BC"; content: " \\25BC" / ""; color: var(--accent); }
table.comparison .nw { white-space: nowrap; }
section.cell { border-top: 3px solid var(--line); margin-top: 2.5rem; padding-top: 1.25rem; }
.task { margin: 0 0 .5rem; }
.category { text-transform: uppercase; font-size: .75rem; letter-spacing: .06em; color: var(--muted); }
.status { margin: .5rem 0; }
.callout { padding: .5rem .75rem; border-radius: 6px; border-left: 4px solid; }
.callout.infra { border-color: #bf8700; background: #fff8c5; color: #4d2d00; }
.honest { font-size: .85rem; margin: .25rem 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr)); gap: .6rem; }
.figure .value { font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.figure .value.blank { color: var(--muted); }
.figure.composite { border-color: var(--accent); background: #ddf4ff; }
.facts { display: grid; grid-template-columns: 1fr 1fr; gap: 0 2rem; }
.facts h3 { margin-top: 1.25rem; }
.breakdown .keys { color: var(--muted); min-width: 10rem; max-width: 18rem; }
.breakdown .json { max-height: 11rem; overflow: auto; }
.breakdown .json code { white-space: pre-wrap; overflow-wrap: anywhere; }
.breakdown td:first-child code, table.spans td:first-child { white-space: nowrap; overflow-wrap: normal; }
details.tail { margin: .35rem 0; border: 1px solid var(--line); border-radius: 6px; }
details.tail summary { cursor: pointer; padding: .35rem .75rem; background: var(--panel); }
details.tail pre { margin: 0; padding: .75rem; max-height: 28rem; overflow: auto; white-space: pre-wrap; word-break: break-word; }
.timeline-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; padding: .5rem .25rem .25rem; }
svg.timeline { display: block; width: 100%; min-width: 640px; height: auto; font: 11px system-ui, sans-serif; }
svg.timeline .lane-bg { fill: #ffffff; }
svg.timeline .lane-bg.odd { fill: #f6f8fa; }
svg.timeline .lane-label { fill: var(--muted); text-anchor: end; dominant-baseline: middle; }
svg.timeline .tick { stroke: #d8dee4; stroke-dasharray: 2 3; }
svg.timeline .axis { stroke: #8c959f; }
svg.timeline .tick-label { fill: var(--muted); text-anchor: middle; }
svg.timeline .span { stroke: rgba(31, 35, 40, .35); stroke-width: .5; }
svg.timeline .span:hover { stroke: var(--fg); stroke-width: 1.5; }
svg.timeline .span.failed { stroke: var(--fail); stroke-width: 1.5; }
.k-task_setup { fill: var(--k-task_setup); background: var(--k-task_setup); }
.k-agent_run { fill: var(--k-agent_run); background: var(--k-agent_run); }
.k-model_call { fill: var(--k-model_call); background: var(--k-model_call); }
.k-retry_wait { background: var(--k-retry_wait); }
.k-tool_call { fill: var(--k-tool_call); background: var(--k-tool_call); }
.k-check { fill: var(--k-check); background: var(--k-check); }
.k-cleanup { fill: var(--k-cleanup); background: var(--k-cleanup); }
span.kind { display: inline-block; width: .7rem; height: .7rem; border-radius: 2px; margin-right: .4rem; vertical-align: -1px; }
.back { margin-top: 1rem; font-size: .85rem; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; }
@media (max-width: 720px) {
  main { padding: .75rem .75rem 2rem; }
  .facts { grid-template-columns: 1fr; }
  .meta { grid-template-columns: max-content 1fr; }
  .breakdown th:nth-child(2), .breakdown td.keys { display: none; }
}
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .banner, .badge, .callout, .figure, table.data tbody tr:nth-child(even), svg.timeline {
    -webkit-print-color-adjust: exact; print-color-adjust: exact;
  }
  .scroll, .timeline-wrap, .breakdown .json, details.tail pre { overflow: visible; max-height: none; }
  svg.timeline { min-width: 0; }
  table.sortable th button::after, .back { display: none; }
  table.data { font-size: 8pt; }
  table.data th, table.data td { padding: .2rem .3rem; }
  table.data thead th { white-space: normal; }
  table.data .badge, table.data .small { font-size: 6.5pt; }
  table.comparison .nw { white-space: normal; }
  .sort-hint { display: none; }
  section.cell { break-before: page; }
  .figures, .facts > div, tr, svg.timeline { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
