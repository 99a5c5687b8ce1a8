// The downloads of the pages' tables (/downloads/:table): each parses its page's query, authorises
// exactly as the page's loader does, reads through the page's presenter and answers with the
// table as a CSV or XLSX file written by exports/table.ts. A resource route, so a download is a
// plain document request that works before JavaScript loads.
import { z } from "zod";
import type { Database } from "../../db/client";
import { allTeamsPage, SORT_KEYS, STATUS_FILTERS } from "../../db/presenters/all-teams";
import { organisationPage } from "../../db/presenters/organisation";
import { listPlans, planIdsWithItemsOwnedBy } from "../../db/presenters/plan-views";
import { cachedTeamPage } from "../../db/presenters/team";
import { departuresList, unitsInTreeOrder } from "../../db/presenters/turnover";
import { allTeamsTable } from "../../exports/all-teams";
import { buildLoadExport } from "../../exports/load";
import { departuresTable, heatmapTable, planItemsTable } from "../../exports/page-tables";
import type { ExportTable } from "../../exports/table";
import { isValidIsoDate } from "../../domain/calendar";
import { forbidden, requireCapability, type GuardRequest } from "./guard.server";
import { can, scopeOf, type Principal } from "../../domain/access";
import { parseSearchParams } from "./search-params";
import { businessDate } from "../../env";
import { invariantResponse, NOT_FOUND, notFound } from "./responses.server";

export const DOWNLOAD_TABLES = ["teams", "heatmap", "load", "plans", "departures"] as const;
export type DownloadTable = (typeof DOWNLOAD_TABLES)[number];

const empty = (v: unknown) => (v === "" ? undefined : v);
const id = z.preprocess(empty, z.coerce.number().int().positive().optional());
const isoDate = z.string().refine((v) => isValidIsoDate(v));
const format = z.enum(["csv", "xlsx"]).default("csv");

const QUERIES = {
  teams: z.object({
    q: z.preprocess(empty, z.string().trim().max(100).optional()),
    status: z.preprocess(empty, z.enum(STATUS_FILTERS).optional()),
    within: id, sort: z.preprocess(empty, z.enum(SORT_KEYS).optional()), dir: z.preprocess(empty, z.enum(["asc", "desc"]).optional()), format,
  }),
  heatmap: z.object({ unit: id, centre: id, cluster: id, district: z.preprocess(empty, z.string().trim().min(1).max(100).optional()), format }),
  load: z.object({ unit: z.coerce.number().int().positive(), format }),
  plans: z.object({
    unit: id, status: z.preprocess(empty, z.enum(["open", "closed", "all"]).optional()),
    source: z.preprocess(empty, z.enum(["at_decision", "apv", "survey", "risk_signal", "other"]).optional()), format,
  }),
  departures: z.object({
    unit: z.coerce.number().int().positive(), from: isoDate, to: isoDate,
    kind: z.enum(["all", "external", "internal", "voluntary"]).default("all"), population: z.enum(["staff", "manager"]).default("staff"), format,
  }).refine((q) => q.from <= q.to),
};

export interface Download {
  table: ExportTable;
  format: "csv" | "xlsx";
  basename: string;
}

type Handler = (db: Database, from: GuardRequest, request: Request) => Promise<Download>;

const CAPABILITY = { teams: "view_load", heatmap: "view_load", load: "view_load", plans: "view_plans", departures: "view_turnover" } as const;

async function guarded(db: Database, from: GuardRequest, table: DownloadTable): Promise<Principal> {
  return requireCapability(from, CAPABILITY[table], undefined, db);
}

const HANDLERS: Record<DownloadTable, Handler> = {
  async teams(db, from, request) {
    const principal = await guarded(db, from, "teams");
    const q = parseSearchParams(request, QUERIES.teams);
    if (q.within !== undefined && !can(principal, "view_load", q.within)) throw forbidden();
    const page = await allTeamsPage(db, {
      scope: scopeOf(principal, "view_load"), today: businessDate(), q: q.q || null, status: q.status ?? null,
      within: q.within ?? null, sort: q.sort, dir: q.dir, page: null,
    });
    return { table: allTeamsTable(page), format: q.format, basename: `alle_teams_${page.weekLabel}` };
  },
  async heatmap(db, from, request) {
    const principal = await guarded(db, from, "heatmap");
    const q = parseSearchParams(request, QUERIES.heatmap);
    const unitId = q.cluster ?? q.centre ?? q.unit ?? null;
    if (unitId !== null && !can(principal, "view_load", unitId)) throw forbidden();
    const page = await organisationPage(db, { scope: scopeOf(principal, "view_load"), unitId, district: q.district ?? null, today: businessDate() });
    return { table: heatmapTable(page), format: q.format, basename: `heatmap_${page.selected?.code ?? "enheder"}_${page.weeks.at(-1)?.weekLabel ?? ""}` };
  },
  async load(db, from, request) {
    const principal = await guarded(db, from, "load");
    const q = parseSearchParams(request, QUERIES.load);
    if (!can(principal, "view_load", q.unit)) throw forbidden();
    // The team page's 26 weeks, written as `npm run export -- load --unit CODE --from --to` writes them.
    const page = await cachedTeamPage(db, { unitId: q.unit, today: businessDate(), showCaseworkers: false, showNames: false });
    invariantResponse(page, NOT_FOUND, { status: 404 });
    const first = page.weeks[0];
    const last = page.weeks.at(-1)!;
    const table = await buildLoadExport(db, { from: first.weekStart, to: last.weekStart, unitCode: page.unit.code });
    return { table, format: q.format, basename: `belastning_${page.unit.code}_${first.weekLabel}_${last.weekLabel}` };
  },
  async plans(db, from, request) {
    const principal = await guarded(db, from, "plans");
    const q = parseSearchParams(request, QUERIES.plans);
    const day = businessDate();
    const own = await planIdsWithItemsOwnedBy(db, principal.user.id);
    const status = q.status === "all" ? null : q.status ?? "open";
    const plans = await listPlans(db, scopeOf(principal, "view_plans"), own, { unitId: q.unit, status, source: q.source }, day);
    return { table: await planItemsTable(db, plans, day), format: q.format, basename: `handleplaner_${day}` };
  },
  async departures(db, from, request) {
    const principal = await guarded(db, from, "departures");
    const q = parseSearchParams(request, QUERIES.departures);
    if (!can(principal, "view_turnover", q.unit)) throw forbidden();
    const [root] = await unitsInTreeOrder(db, q.unit);
    invariantResponse(root, NOT_FOUND, { status: 404 });
    const rows = await departuresList(db, { unitId: q.unit, from: q.from, to: q.to, kind: q.kind, population: q.population },
      (fromUnitId) => can(principal, "view_departure_names", fromUnitId ?? q.unit));
    return { table: departuresTable(rows), format: q.format, basename: `fratraedelser_${root.code}_${q.from}_${q.to}` };
  },
};

/** The named table's download, or 404 for a name that is not one. */
export function pageDownload(db: Database, from: GuardRequest, request: Request, table: string): Promise<Download> {
  if (!(DOWNLOAD_TABLES as readonly string[]).includes(table)) throw notFound();
  return HANDLERS[table as DownloadTable](db, from, request);
}

