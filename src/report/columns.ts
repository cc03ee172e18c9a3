/** Plain aligned columns: a header row and data rows, two spaces apart. */
export function renderColumns(
  header: string[],
  rows: string[][],
  styleHeader: (line: string) => string = (l) => l,
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cols: string[]) =>
    cols
      .map((col, i) => col.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  return [styleHeader(line(header)), ...rows.map(line)].join("\n");
}
