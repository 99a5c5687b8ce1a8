// Presentation rounding shared by pages and exports (METRICS.md: half away from zero).

/** x × 10^shift on x's decimal digits, never through a binary multiplication. */
function shiftDecimal(x: number, shift: number): number {
  // String(x) is exponential below 1e-6 and from 1e21 ("1e-7"): shift its exponent, not its text.
  const [digits, exponent = "0"] = String(x).split("e");
  return Number(`${digits}e${Number(exponent) + shift}`);
}

/**
 * Half away from zero at `decimals`, on the decimal value the number prints as: shifting the
 * decimal point in the text keeps 1.005 → 1.01, where Math.round(1.005 * 100) and
 * (1.005).toFixed(2) both give 1.00.
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const rounded = shiftDecimal(Math.round(shiftDecimal(Math.abs(value), decimals)), -decimals);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}
