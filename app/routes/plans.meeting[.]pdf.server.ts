// The plans.meeting[.]pdf route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden } from "~/lib/guard.server";
import { getMeeting } from "../../db/presenters/plan-views";
import { getDb } from "../../db/client";
import { meetingCommittee, today } from "~/lib/plans.server";
import { fileResponse, renderMeetingPdf } from "~/lib/plan-records.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { scope, committeeId } = await meetingCommittee(request, db);
  if (committeeId === undefined) throw forbidden();
  const day = today();
  const meeting = (await getMeeting(db, committeeId, scope, day))!;
  return fileResponse(await renderMeetingPdf(meeting, day), "application/pdf", `moede-${meeting.committee.name}-${day}.pdf`);
}
