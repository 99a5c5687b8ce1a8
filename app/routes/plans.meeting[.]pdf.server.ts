// The plans.meeting[.]pdf route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { forbidden, requireCapability } from "~/lib/guard.server";
import { scopeOf } from "../../domain/access";
import { committeesInScope, getMeeting } from "../../db/presenters/plan-views";
import { getDb } from "../../db/client";
import { today } from "~/lib/plans.server";
import { fileResponse, renderMeetingPdf } from "~/lib/plan-records.server";

const Query = z.object({ committee: z.coerce.number().int().positive().optional().catch(undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_plans", undefined, db);
  const scope = scopeOf(principal, "view_plans");
  const committees = await committeesInScope(db, scope, principal.user.id);
  const q = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const committeeId = q.committee ?? committees[0]?.id;
  if (committeeId === undefined || !committees.some((c) => c.id === committeeId)) throw forbidden();
  const day = today();
  const meeting = (await getMeeting(db, committeeId, scope, day))!;
  return fileResponse(await renderMeetingPdf(meeting, day), "application/pdf", `moede-${meeting.committee.name}-${day}.pdf`);
}
