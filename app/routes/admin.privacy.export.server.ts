// The admin.privacy.export route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { collectPersonData } from "../../db/privacy/person-data";
import { recordNameRead } from "../../db/privacy/name-reads";
import { recordAudit } from "../../db/audit";
import { requireCapability } from "~/lib/guard.server";
import { parsePersonQuery } from "~/lib/privacy-params";
import { badRequest, invariantResponse } from "~/lib/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireCapability(request, "admin_users");
  const params = new URL(request.url).searchParams;
  const query = parsePersonQuery(params);
  if (!query.success || (!query.data.employeeId && !query.data.email)) throw badRequest("Ugyldig søgning");
  const db = getDb();
  const person = await collectPersonData(db, query.data);
  invariantResponse(person, "Ikke fundet", { status: 404 });
  await db.transaction(async (tx) => {
    await recordNameRead(tx, { userId: principal.user.id, kind: "person_export", unitId: null, subjects: 1 });
    await recordAudit(tx, {
      userId: principal.user.id, action: "privacy.exported", entity: "employee",
      entityId: person.employee?.id ?? null, after: { sections: Object.keys(person).length },
    });
  });
  const name = (person.employee?.id ?? "bruger").replace(/[^A-Za-z0-9_-]/g, "_");
  return new Response(JSON.stringify(person, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="persondata-${name}.json"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
