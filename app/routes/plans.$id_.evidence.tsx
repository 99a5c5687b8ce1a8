// Evidence upload: a plain multipart form on the plan page posts here (works without JavaScript).
// The file's bytes decide its kind (evidence/files.ts); the answer is a redirect back to the item.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { forbidden } from "~/lib/guard.server";
import { getDb, mayUpdateItem, requirePlanAccess } from "~/lib/plans.server";
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
