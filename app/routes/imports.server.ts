// The imports route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { getLang } from "~/lib/lang.server";
import { IMPORT_KINDS, importDetail, importHistory, importUpload, kindColumns, uploadLimitBytes } from "~/lib/imports.server";

// Built on first use, on the server: IMPORT_KINDS comes from a .server module, which is empty in
// the browser bundle, so a module-level schema would crash the page before it hydrates.
const querySchema = () =>
  z.object({
    page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
    show: z.coerce.number().int().positive().optional().catch(undefined),
    problem: z.enum(["tooLarge", "noFile", "badKind"]).optional().catch(undefined),
    kind: z.enum(IMPORT_KINDS).optional().catch(undefined),
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "import_data", undefined, db);
  const lang = await getLang(request, principal.user.language);
  const query = querySchema().parse(Object.fromEntries(new URL(request.url).searchParams));
  const detail = query.show ? await importDetail(db, query.show, lang) : null;
  return {
    kinds: kindColumns(),
    limitBytes: uploadLimitBytes(),
    history: await importHistory(db, query.page),
    detail,
    showMissing: Boolean(query.show) && detail === null,
    problem: query.problem ?? null,
    kind: query.kind ?? null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "import_data", undefined, db);
  // The importer writes the import log and its audit row itself, for every outcome.
  const outcome = await importUpload(db, request, principal.user.id);
  if (!outcome.ok) throw redirect(`/imports?problem=${outcome.problem}`);
  throw redirect(`/imports?show=${outcome.result.importId}&kind=${outcome.result.kind}`);
}
