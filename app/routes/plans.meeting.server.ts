// The plans.meeting route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMeeting } from "../../db/presenters/plan-views";
import { getDb } from "../../db/client";
import { meetingCommittee, today } from "~/lib/plans.server";
import { meetingWellbeingProgress } from "~/lib/wellbeing-progress.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { principal, scope, committees, committeeId } = await meetingCommittee(request, db);
  if (committeeId === undefined) return { today: today(), committees, meeting: null, wellbeing: {} };
  const day = today();
  const meeting = await getMeeting(db, committeeId, scope, day);
  const wellbeing = meeting ? await meetingWellbeingProgress(db, principal, meeting.plans.map((p) => p.id)) : {};
  return { today: day, committees, meeting, wellbeing };
}
