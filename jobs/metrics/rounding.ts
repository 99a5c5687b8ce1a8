// Presentation rounding shared by pages and exports (METRICS.md: half away from zero).

/**
 * Half away from zero at `decimals`, on the decimal value the number prints as: the exponent
 * trick keeps 1.005 → 1.01, where Math.round(1.005 * 100) and (1.005).toFixed(2) both give 1.00.
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.round(Number(`${Math.abs(value)}e${decimals}`));
  const rounded = Number(`${magnitude}e-${decimals}`);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}
