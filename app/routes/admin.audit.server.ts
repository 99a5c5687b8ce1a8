// The admin.audit route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { auditUserOptions, changedFields, listAudit, parseAuditFilter } from "../../db/presenters/audit";
import { grantPickers } from "../../db/presenters/users";
import { auditEntities, auditPlanOptions, wordAudit } from "../../db/presenters/audit";
import { getLang } from "~/lib/lang.server";
import { AUDIT_ENTITY_LABELS, entityLabel } from "../../domain/audit-words";
import { invariantResponse } from "~/lib/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const principal = await requireCapability(request, "view_audit");
  const filter = parseAuditFilter(new URL(request.url).searchParams);
  invariantResponse(filter.success, "Ugyldigt filter", { status: 400 });
  const db = getDb();
  const lang = await getLang(request, principal.user.language);
  const [result, users, pickers, entities, plans] = await Promise.all([
    listAudit(db, filter.data), auditUserOptions(db), grantPickers(db), auditEntities(db), auditPlanOptions(db),
  ]);
  const worded = await wordAudit(db, result.rows, lang);
  const kinds = [...new Set([...Object.keys(AUDIT_ENTITY_LABELS), ...entities])]
    .map((key) => ({ key, label: entityLabel(lang, key) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  return {
    ...result,
    rows: worded.map((r) => ({
      id: r.id, at: r.at, sentence: r.sentence, entityLabel: r.entityLabel, unitName: r.unitName, action: r.action, entity: r.entity,
      entityId: r.entityId, changes: changedFields(r.before, r.after),
    })),
    users,
    units: pickers.units,
    kinds,
    plans,
  };
}
