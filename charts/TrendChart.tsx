// A weekly trend line with its threshold drawn. Pre-aggregated points in, no fetching. recharts 3
// draws only after hydration, so the page renders the same numbers in a table beside it; the
// figure's text alternative summarises the series for screen readers.
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLOURS } from "./palette";

export interface TrendPoint {
  /** Category label on the x axis, e.g. an ISO week '2025-W24'. */
  label: string;
  /** Null = no figure that week (a gap in the line, never a zero). */
  value: number | null;
}

export interface TrendChartProps {
  title: string;
  /** Unit of the y axis, e.g. "sager pr. årsværk" or "%". */
  unitLabel: string;
  xLabel: string;
  points: TrendPoint[];
  threshold: number | null;
  thresholdLabel: string;
  /** Text alternative: what the chart shows, in words. */
  summary: string;
  formatValue: (value: number) => string;
  height?: number;
}

export function TrendChart({
  title, unitLabel, xLabel, points, threshold, thresholdLabel, summary, formatValue, height = 240,
}: TrendChartProps) {
  const max = Math.max(threshold ?? 0, ...points.map((p) => p.value ?? 0));
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-area" style={{ height }} role="img" aria-label={summary}>
        <LineChart responsive style={{ width: "100%", height }} data={points} margin={{ top: 10, right: 24, bottom: 28, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={CHART_COLOURS.grid} />
          <XAxis dataKey="label" tickFormatter={(l: string) => l.slice(-3)} interval="preserveStartEnd"
            label={{ value: xLabel, position: "insideBottom", offset: -16 }} />
          <YAxis domain={[0, Math.ceil(max * 1.15) || 1]} tickFormatter={(v: number) => formatValue(v)} width={56}
            label={{ value: unitLabel, angle: -90, position: "insideLeft", style: { textAnchor: "middle" } }} />
          <Tooltip formatter={(v) => (typeof v === "number" ? formatValue(v) : String(v))} />
          {threshold !== null ? (
            <ReferenceLine y={threshold} stroke={CHART_COLOURS.threshold} strokeDasharray="6 4"
              label={{ value: thresholdLabel, position: "insideTopRight", fill: CHART_COLOURS.threshold }} />
          ) : null}
          <Line type="monotone" dataKey="value" name={title} stroke={CHART_COLOURS.primary} strokeWidth={2} dot={{ r: 2 }}
            connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </div>
    </figure>
  );
}
