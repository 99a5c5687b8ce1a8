// The tables behind the pages' downloads that have no command-line twin: the heatmap, the plans
// with their items, and the departures list. Each turns exactly what its page shows into rows for
// exports/table.ts; nothing here computes a figure (the presenters did, with the METRICS.md functions).
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../db/client";
import type { OrganisationPage } from "../db/presenters/organisation";
import type { PlanListRow } from "../db/presenters/plan-views";
import type { DepartureListRow } from "../db/presenters/turnover";
import { daysOverdue } from "../domain/plan-status";
import type { ItemStatus } from "../db/schema";
import type { ExportColumn, ExportTable } from "./table";

export const HEATMAP_COLUMNS: ExportColumn[] = [
  { header: "unit_code", kind: "text" },
  { header: "unit_name", kind: "text" },
  { header: "unit_kind", kind: "text" },
  { header: "week", kind: "text" },
  { header: "rollup_status", kind: "text" },
  { header: "red_teams", kind: "number" },
  { header: "amber_teams", kind: "number" },
  { header: "teams_with_status", kind: "number" },
  { header: "own_status", kind: "text" },
  { header: "own_weeks_over_of_last_6", kind: "number" },
  { header: "own_over", kind: "text" },
];

/** One row per unit and week of the heatmap; a unit without teams below has no roll-up (empty). */
export function heatmapTable(page: OrganisationPage): ExportTable {
  const rows = page.rows.flatMap((row) => row.cells.map((c, i) => [
    row.unit.code, row.unit.name, row.unit.kind, page.weeks[i].weekLabel,
    c.rollUp.status, c.rollUp.teams > 0 ? c.rollUp.red : null, c.rollUp.teams > 0 ? c.rollUp.amber : null, c.rollUp.teams > 0 ? c.rollUp.teams : null,
    c.status, c.weeksOverOfLast6, c.over.join("|"),
  ]));
  return { name: "heatmap", columns: HEATMAP_COLUMNS, rows };
}

export const PLAN_ITEM_COLUMNS: ExportColumn[] = [
  { header: "plan_id", kind: "number" },
  { header: "plan_title", kind: "text" },
  { header: "unit_name", kind: "text" },
  { header: "source", kind: "text" },
  { header: "plan_status", kind: "text" },
  { header: "at_deadline", kind: "date" },
  { header: "focus_point", kind: "text" },
  { header: "item_id", kind: "number" },
  { header: "item_title", kind: "text" },
  { header: "owner", kind: "text" },
  { header: "due_date", kind: "date" },
  { header: "item_status", kind: "text" },
  { header: "days_overdue", kind: "number" },
];

interface ItemRow { planId: number; focusPoint: string; itemId: number; title: string; owner: string | null; dueDate: string | null; status: ItemStatus }

/**
 * The plans the list shows (already filtered by the viewer's scope), one row per action item; a
 * plan without items is one row with empty item cells.
 */
export async function planItemsTable(db: Database, plans: PlanListRow[], today: string): Promise<ExportTable> {
  const ids = plans.map((p) => p.id);
  const items = ids.length === 0 ? [] : await queryRows<ItemRow>(db, sql`
    select f.plan_id as "planId", f.title as "focusPoint", i.id as "itemId", i.title, coalesce(o.display_name, i.owner_name) as owner,
      i.due_date::text as "dueDate", i.status
    from action_items i join focus_points f on f.id = i.focus_point_id left join users o on o.id = i.owner_user_id
    where f.plan_id = any(${`{${ids.join(",")}}`}::int[])
    order by f.plan_id, f.position, i.id`);
  const byPlan = new Map<number, ItemRow[]>();
  for (const item of items) byPlan.set(item.planId, [...(byPlan.get(item.planId) ?? []), item]);
  const rows = plans.flatMap((p) => {
    const head = [p.id, p.title, p.unitName, p.sourceKind, p.status, p.deadline];
    const list = byPlan.get(p.id) ?? [];
    if (list.length === 0) return [[...head, null, null, null, null, null, null, null]];
    return list.map((i) => [...head, i.focusPoint, i.itemId, i.title, i.owner, i.dueDate, i.status, daysOverdue(i, today)]);
  });
  return { name: "handleplaner", columns: PLAN_ITEM_COLUMNS, rows };
}

export const DEPARTURE_COLUMNS: ExportColumn[] = [
  { header: "last_day", kind: "date" },
  { header: "unit_code", kind: "text" },
  { header: "unit_name", kind: "text" },
  { header: "role", kind: "text" },
  { header: "kind", kind: "text" },
  { header: "voluntary", kind: "text" },
  { header: "end_reason", kind: "text" },
  { header: "employee_id", kind: "text" },
  { header: "display_name", kind: "text" },
];

/** The departures list as shown: a name the viewer may not see is an empty cell, as on the page. */
export function departuresTable(rows: DepartureListRow[]): ExportTable {
  return {
    name: "fratraedelser",
    columns: DEPARTURE_COLUMNS,
    rows: rows.map((r) => [
      r.date, r.fromUnitCode, r.fromUnitName, r.role, r.kind, r.voluntary ? "yes" : "no", r.endReason,
      r.employeeId === "" ? null : r.employeeId, r.displayName,
    ]),
  };
}
