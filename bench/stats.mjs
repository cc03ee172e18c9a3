// Small numeric helpers shared by the bench sections.

export const median = (values) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Round to `digits` decimals; null stays null. */
export const round = (value, digits = 1) =>
  value === null || value === undefined ? null : Math.round(value * 10 ** digits) / 10 ** digits;

export const sum = (values) => values.reduce((total, value) => total + value, 0);

/** A table row: a figure beside its target (`max` or `min`), or informational when no target is given. */
export function row(section, metric, value, unit, target = null) {
  let ok = null;
  if (target && value !== null && value !== undefined)
    ok = target.max !== undefined ? value <= target.max : value >= target.min;
  const targetText = target ? `${target.max !== undefined ? "≤" : "≥"} ${target.max ?? target.min}` : "";
  return { section, metric, value, unit, target: targetText, ok };
}
