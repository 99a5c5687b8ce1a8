// One survey round: the unit's score beside the organisation's, per dimension. Pre-aggregated
// props; a hidden figure arrives as null and draws no bar (the table beside it says why).
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLOURS } from "./palette";

export interface SurveyBar {
  label: string;
  unit: number | null;
  organisation: number | null;
}

export interface SurveyComparisonChartProps {
  title: string;
  unitName: string;
  organisationName: string;
  axisLabel: string;
  bars: SurveyBar[];
  /** Text alternative: what the chart shows, in words. */
  summary: string;
  formatValue: (value: number) => string;
}

const ROW_HEIGHT = 34;

export function SurveyComparisonChart({ title, unitName, organisationName, axisLabel, bars, summary, formatValue }: SurveyComparisonChartProps) {
  const height = bars.length * ROW_HEIGHT + 80;
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-area" style={{ height }} role="img" aria-label={summary}>
        <BarChart responsive layout="vertical" style={{ width: "100%", height }} data={bars} margin={{ top: 8, right: 24, bottom: 28, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={CHART_COLOURS.grid} horizontal={false} />
          <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => formatValue(v)}
            label={{ value: axisLabel, position: "insideBottom", offset: -16 }} />
          <YAxis type="category" dataKey="label" width={170} />
          <Tooltip formatter={(v) => (typeof v === "number" ? formatValue(v) : String(v))} />
          <Legend verticalAlign="top" height={24} />
          <Bar dataKey="unit" name={unitName} fill={CHART_COLOURS.primary} isAnimationActive={false} />
          <Bar dataKey="organisation" name={organisationName} fill={CHART_COLOURS.comparison} isAnimationActive={false} />
        </BarChart>
      </div>
    </figure>
  );
}
