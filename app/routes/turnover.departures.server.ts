// The turnover.departures route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseSearchParams } from "~/lib/search-params";
import { getDb } from "../../db/client";
import { recordNameRead } from "../../db/privacy/name-reads";
import { forbidden, requireCapability } from "~/lib/guard.server";
import { can } from "../../domain/access";
import { departuresList, unitsInTreeOrder } from "../../db/presenters/turnover";
import { isValidIsoDate } from "../../domain/calendar";
import { invariantResponse, NOT_FOUND } from "~/lib/responses.server";

// Checked on the server only (isValidIsoDate comes from a .server module).
const isoDate = z.string().refine((v) => isValidIsoDate(v));

const Query = z.object({
  unit: z.coerce.number().int().positive(),
  from: isoDate,
  to: isoDate,
  kind: z.enum(["all", "external", "internal", "voluntary"]).default("all"),
  population: z.enum(["staff", "manager"]).default("staff"),
}).refine((q) => q.from <= q.to);

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_turnover", undefined, db);
  const { unit, from, to, kind, population } = parseSearchParams(request, Query);
  if (!can(principal, "view_turnover", unit)) throw forbidden();
  const [root] = await unitsInTreeOrder(db, unit);
  invariantResponse(root, NOT_FOUND, { status: 404 });
  const rows = await departuresList(db, { unitId: unit, from, to, kind, population },
    (fromUnitId) => can(principal, "view_departure_names", fromUnitId ?? unit));
  // Leavers' names are personal data: every showing is logged (GDPR, /admin/name-reads).
  await recordNameRead(db, { userId: principal.user.id, kind: "departure_names", unitId: unit, subjects: rows.filter((r) => r.employeeId !== "").length });
  return {
    unit: { id: root.id, name: root.name, code: root.code }, from, to, kind, population,
    namesShown: rows.some((r) => r.employeeId !== ""),
    anyHidden: rows.some((r) => r.employeeId === ""),
    rows,
    back: new URLSearchParams({ unit: String(unit), p: "custom", from, to }).toString(),
  };
}
