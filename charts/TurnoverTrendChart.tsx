// Rolling 12-month staff and manager turnover per month, with the unit's threshold. Pre-computed
// points in, no fetching, fixed height. recharts 3 draws only after hydration, so the turnover
// page renders the same numbers in a table beside it.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLOURS } from "./palette";

export interface TurnoverTrendPoint {
  /** 'YYYY-MM', the month the 12 months end with. */
  month: string;
  /** Null when the average headcount was 0 (a gap, never a zero). */
  staffPct: number | null;
  managerPct: number | null;
}

export interface TurnoverTrendChartProps {
  title: string;
  points: TurnoverTrendPoint[];
  threshold: number;
  labels: { staff: string; managers: string; threshold: string; month: string; percent: string };
  /** Text alternative for screen readers. */
  summary: string;
  formatValue: (value: number) => string;
  height?: number;
}

export function TurnoverTrendChart({ title, points, threshold, labels, summary, formatValue, height = 280 }: TurnoverTrendChartProps) {
  const max = Math.max(threshold, ...points.flatMap((p) => [p.staffPct ?? 0, p.managerPct ?? 0]));
  return (
    <figure className="chart turnover-chart">
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-area" style={{ height }} role="img" aria-label={summary}>
        <LineChart responsive style={{ width: "100%", height }} data={points} margin={{ top: 10, right: 24, bottom: 28, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={CHART_COLOURS.grid} />
          <XAxis dataKey="month" interval="preserveStartEnd" label={{ value: labels.month, position: "insideBottom", offset: -16 }} />
          <YAxis domain={[0, Math.ceil(max * 1.15) || 1]} tickFormatter={(v: number) => formatValue(v)} width={56}
            label={{ value: labels.percent, angle: -90, position: "insideLeft", style: { textAnchor: "middle" } }} />
          <Tooltip formatter={(v) => (typeof v === "number" ? `${formatValue(v)} %` : String(v))} />
          <Legend verticalAlign="top" height={24} />
          <ReferenceLine y={threshold} stroke={CHART_COLOURS.threshold} strokeDasharray="6 4"
            label={{ value: labels.threshold, position: "insideTopRight", fill: CHART_COLOURS.threshold }} />
          <Line type="monotone" dataKey="staffPct" name={labels.staff} stroke={CHART_COLOURS.primary} strokeWidth={2} dot={false}
            connectNulls={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="managerPct" name={labels.managers} stroke={CHART_COLOURS.secondary} strokeWidth={2} strokeDasharray="4 3"
            dot={false} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </div>
    </figure>
  );
}
