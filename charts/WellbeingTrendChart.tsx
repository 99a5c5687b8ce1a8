// One survey dimension across rounds: the unit's line beside the organisation's. Pre-aggregated
// points in (a hidden figure arrives as null and leaves a gap, never a zero). The two series differ
// by line style and marker as well as colour; recharts draws only after hydration, so the page
// renders the same numbers in a table beside the chart, and the figure's text says it in words.
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

export interface WellbeingTrendPoint {
  label: string;
  unit: number | null;
  organisation: number | null;
}

export interface WellbeingTrendChartProps {
  title: string;
  unitName: string;
  organisationName: string;
  points: WellbeingTrendPoint[];
  /** Text alternative: what the chart shows, in words. */
  summary: string;
  formatValue: (value: number) => string;
  /** Leave out the organisation's line (the unit is the organisation). */
  unitOnly?: boolean;
}

export const WELLBEING_TREND_HEIGHT = 190;
/** Unit: dark blue, solid, round markers; organisation: dark grey, dashed, square markers (both ≥ 4.5:1 on white). */
const UNIT_COLOUR = "#1f5f99";
const ORGANISATION_COLOUR = "#5b6675";

export function WellbeingTrendChart({ title, unitName, organisationName, points, summary, formatValue, unitOnly = false }: WellbeingTrendChartProps) {
  const height = WELLBEING_TREND_HEIGHT;
  return (
    <figure className="chart">
      {/* The card's heading names the dimension on the page; the caption keeps the figure named for screen readers. */}
      <figcaption className="visually-hidden">{title}</figcaption>
      <div className="chart-area" style={{ height }} role="img" aria-label={summary}>
        <LineChart responsive style={{ width: "100%", height }} data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d9dee6" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} width={32} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => (typeof v === "number" ? formatValue(v) : String(v))} />
          <Legend verticalAlign="top" height={22} iconType="plainline" />
          <Line type="linear" dataKey="unit" name={unitName} stroke={UNIT_COLOUR} strokeWidth={2.5}
            dot={{ r: 4, fill: UNIT_COLOUR }} connectNulls={false} isAnimationActive={false} />
          {unitOnly ? null : (
            <Line type="linear" dataKey="organisation" name={organisationName} stroke={ORGANISATION_COLOUR} strokeWidth={2}
              strokeDasharray="6 4" dot={{ r: 3.5, fill: "#fff", stroke: ORGANISATION_COLOUR, strokeWidth: 2 }} connectNulls={false} isAnimationActive={false} />
          )}
        </LineChart>
      </div>
    </figure>
  );
}
