// The plans.$id_.evidence_.$fileId route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { requirePlanAccess } from "~/lib/plans.server";
import { CONTENT_TYPES, evidenceFileContent, fileResponse } from "~/lib/plan-records.server";
import { notFound } from "~/lib/responses.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const access = await requirePlanAccess(request, Number(params.id), db);
  const fileId = Number(params.fileId);
  const file = Number.isInteger(fileId) && fileId > 0 ? await evidenceFileContent(db, fileId) : null;
  if (!file || file.planId !== access.planId) throw notFound("Filen findes ikke.");
  return fileResponse(file.content, CONTENT_TYPES[file.kind], file.fileName);
}
