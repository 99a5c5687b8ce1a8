// The turnover._index route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseSearchParams } from "~/lib/search-params";
import { getDb } from "../../db/client";
import { unknownReasonDepartures } from "../../db/presenters/turnover-reasons";
import { forbidden, requireCapability } from "~/lib/guard.server";
import { can, scopeOf } from "../../domain/access";
import { monthStart } from "../../domain/calendar";
import { roundHalfAwayFromZero } from "../../domain/rounding";
import { periodDefaults, resolvePeriod, type PeriodKind } from "../../domain/turnover-period";
import { rollingTurnoverSeries, turnoverReport, turnoverThreshold } from "../../db/presenters/turnover";
import { businessDate } from "../../env";
import { unitPicker } from "../../db/presenters/units";
import { latestSnapshotYear, smallPopulation } from "../../domain/turnover";
import { invariantResponse, NOT_FOUND } from "~/lib/responses.server";

// Spelled out here: a value imported from a .server module is undefined in the browser bundle,
// where this module-level schema is evaluated too.
const PERIOD_KINDS = ["year", "half", "quarter", "rolling", "custom"] as const satisfies readonly PeriodKind[];

const blank = (v: unknown) => (v === "" ? undefined : v);

const Query = z.object({
  unit: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  p: z.preprocess(blank, z.enum(PERIOD_KINDS).default("year")),
  year: z.preprocess(blank, z.coerce.number().int().min(1990).max(2100).optional()),
  half: z.preprocess(blank, z.coerce.number().int().min(1).max(2).optional()),
  quarter: z.preprocess(blank, z.coerce.number().int().min(1).max(4).optional()),
  month: z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}$/).optional()),
  from: z.preprocess(blank, z.string().max(10).optional()),
  to: z.preprocess(blank, z.string().max(10).optional()),
});

/** The query string that reproduces unit and period on the drill-down and download links. */
function periodQuery(unitId: number, from: string, to: string): string {
  return new URLSearchParams({ unit: String(unitId), from, to }).toString();
}

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_turnover", undefined, db);
  const query = parseSearchParams(request, Query);
  const scope = scopeOf(principal, "view_turnover");
  if (query.unit !== undefined && !can(principal, "view_turnover", query.unit)) throw forbidden();
  // At most a few hundred options, within scope: the chosen unit is always among them.
  const picker = await unitPicker(db, scope, query.unit ?? null);
  if (picker.options.length === 0) throw forbidden();
  const unitId = query.unit ?? picker.options[0].id;
  const unit = picker.options.find((u) => u.id === unitId);
  invariantResponse(unit, NOT_FOUND, { status: 404 });

  const today = businessDate();
  const defaults = periodDefaults(today);
  const q = query;
  const choice = { kind: q.p as PeriodKind, year: q.year, half: q.half, quarter: q.quarter, month: q.month, from: q.from, to: q.to };
  const resolved = resolvePeriod(choice, today);
  const form = {
    unit: unitId, p: q.p, year: q.year ?? defaults.year, half: q.half ?? 1, quarter: q.quarter ?? 1,
    month: q.month ?? defaults.month, from: q.from ?? "", to: q.to ?? "",
  };
  const units = picker.options.map((u) => ({ id: u.id, name: u.name, code: u.code, depth: u.depth }));
  const teamsOmitted = picker.teamsOmitted;
  if ("error" in resolved) return { units, teamsOmitted, form, periodError: resolved.error, page: null };

  const { from, to } = resolved;
  const [report, series, threshold] = [
    await turnoverReport(db, { unitId, from, to }),
    await rollingTurnoverSeries(db, unitId, 36, monthStart(to > today ? today : to)),
    await turnoverThreshold(db, unitId),
  ];
  const unknownReasons = await unknownReasonDepartures(db, { unitId, from, to });
  const rows = report.rows.map((r) => ({
    id: r.unit.id, code: r.unit.code, name: r.unit.name, depth: r.unit.depth, shown: r.shown, previous: r.shownPrevious,
    drill: periodQuery(r.unit.id, from, to),
    small: smallPopulation(r.shown.avgHeadcount), managerSmall: smallPopulation(r.shown.managerAvgHeadcount),
  }));
  const municipalYear = latestSnapshotYear(to > today ? today : to);
  return {
    units, teamsOmitted, form, periodError: null,
    page: {
      unit: { id: unit.id, name: unit.name, code: unit.code },
      from, to, previousFrom: report.previousFrom, previousTo: report.previousTo,
      rows, threshold, unknownReasons,
      // Rounded as everywhere else (1 decimal, half away from zero); the chart draws the same numbers.
      series: series.map((p) => ({
        month: p.month.slice(0, 7), departures: p.departures, managerDepartures: p.managerDepartures,
        staffPct: p.turnoverPct === null ? null : roundHalfAwayFromZero(p.turnoverPct, 1),
        managerPct: p.managerTurnoverPct === null ? null : roundHalfAwayFromZero(p.managerTurnoverPct, 1),
      })),
      download: periodQuery(unitId, from, to),
      municipal: { year: municipalYear, query: new URLSearchParams({ variant: "municipal", unit: String(unitId), year: String(municipalYear) }).toString() },
    },
  };
}
