// Presenter for the risk radar: the signals the risk job raised for the latest week, for teams in
// the viewer's scope, grouped per team and sorted by severity, with the evidence as stored.
import { sql } from "drizzle-orm";
import { inUnitScope } from "../sql-scope";
import { queryRows, type Database } from "../client";
import type { RiskEvidence, RiskSignalKind } from "../../domain/risk";
import { isoWeekLabel, weekStart } from "../../domain/calendar";
import type { UnitScope } from "../sql-scope";

export interface RadarSignal {
  signal: RiskSignalKind;
  severity: number;
  evidence: RiskEvidence[];
}

export interface RadarTeam {
  unitId: number;
  unitName: string;
  parentName: string | null;
  signals: RadarSignal[];
  /** Sum of the signals' severities: the sort key (more patterns and more evidence first). */
  severity: number;
}

export interface RiskRadar {
  asOfWeek: string | null;
  asOfWeekLabel: string | null;
  teams: RadarTeam[];
  /** Dimension key → labels, for survey evidence. */
  dimensionLabels: Record<string, { da: string; en: string }>;
}

const SIGNAL_ORDER: Record<RiskSignalKind, number> = { workload_emotional: 0, unclear_demands: 1, turnover: 2 };

interface SignalRow {
  unitId: number;
  unitName: string;
  parentName: string | null;
  signal: RiskSignalKind;
  severity: number;
  evidence: RiskEvidence[] | string;
}

/** Group signal rows per team; the most severe team first, ties by name. */
export function groupSignals(rows: SignalRow[]): RadarTeam[] {
  const byUnit = new Map<number, RadarTeam>();
  for (const r of rows) {
    const team = byUnit.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, parentName: r.parentName, signals: [], severity: 0 };
    const evidence = typeof r.evidence === "string" ? (JSON.parse(r.evidence) as RiskEvidence[]) : r.evidence;
    team.signals.push({ signal: r.signal, severity: r.severity, evidence });
    team.severity += r.severity;
    byUnit.set(r.unitId, team);
  }
  const teams = [...byUnit.values()];
  for (const t of teams) t.signals.sort((a, b) => b.severity - a.severity || SIGNAL_ORDER[a.signal] - SIGNAL_ORDER[b.signal]);
  return teams.sort((a, b) => b.severity - a.severity || a.unitName.localeCompare(b.unitName, "da"));
}

export async function riskRadar(db: Database, scope: UnitScope, today: string): Promise<RiskRadar> {
  const [latest] = await queryRows<{ week: string | null }>(db, sql`
    select max(as_of_week)::text as week from risk_radar_runs where as_of_week <= ${weekStart(today)}::date`);
  const week = latest?.week ?? null;
  const scopeFilter = inUnitScope(sql`r.unit_id`, scope);
  const [rows, dims] = await Promise.all([
    week
      ? queryRows<SignalRow>(db, sql`
          select r.unit_id as "unitId", u.name as "unitName", p.name as "parentName", r.signal, r.severity, r.evidence
          from risk_signals r join units u on u.id = r.unit_id left join units p on p.id = u.parent_id
          where r.as_of_week = ${week}::date and ${scopeFilter}`)
      : Promise.resolve([]),
    queryRows<{ key: string; da: string; en: string }>(db, sql`select key, label_da as da, label_en as en from wellbeing_dimensions`),
  ]);
  return {
    asOfWeek: week,
    asOfWeekLabel: week ? isoWeekLabel(week) : null,
    teams: groupSignals(rows),
    dimensionLabels: Object.fromEntries(dims.map((d) => [d.key, { da: d.da, en: d.en }])),
  };
}
