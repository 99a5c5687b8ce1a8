// The plans.$id_.evidence route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { forbidden } from "~/lib/guard.server";
import { getDb } from "../../db/client";
import { mayUpdateItem, requirePlanAccess } from "~/lib/plans.server";
import { addEvidenceFile, planOfTarget, readEvidenceUpload } from "~/lib/plan-records.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requirePlanAccess(request, Number(params.id), getDb());
  return redirect(`/plans/${access.planId}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  // Authorised before a byte of the body is read.
  const access = await requirePlanAccess(request, Number(params.id), db);
  const upload = await readEvidenceUpload(request);
  const anchor = (t: typeof upload.target) => (!t ? "" : "itemId" in t ? `item-${t.itemId}` : `fp-${t.focusPointId}`);
  const back = (query: string, t: typeof upload.target) => redirect(`/plans/${access.planId}?${query}${t ? `&target=${anchor(t)}` : ""}#${anchor(t) || "top"}`);
  if (!upload.ok) return back(`evidenceError=${upload.problem}`, upload.target);
  const owner = await planOfTarget(db, upload.target);
  if (!owner || owner.planId !== access.planId) return back("evidenceError=bad_target", null);
  const allowed = "itemId" in upload.target ? mayUpdateItem(access, { ownerUserId: owner.ownerUserId }) : access.canEdit;
  if (!allowed) throw forbidden();
  await addEvidenceFile(db, { target: upload.target, fileName: upload.fileName, kind: upload.kind, content: upload.content }, { userId: access.principal.user.id });
  return back("evidence=added", upload.target);
}
