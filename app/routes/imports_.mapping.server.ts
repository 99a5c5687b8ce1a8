// The imports_.mapping route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { IMPORT_KINDS } from "~/lib/imports.server";
import { heldUpload, listMappings, mappingForm, readChoices, receiveUpload, saveAndImport } from "~/lib/mappings.server";

const Query = z.object({
  token: z.string().regex(/^[0-9a-f]{32}$/).optional().catch(undefined),
  problem: z.enum(["tooLarge", "noFile", "badKind", "noMapping", "mappingKind", "expired"]).optional().catch(undefined),
  /** Preselects the kind (the import page links here after a header that did not match). */
  kind: z.enum(IMPORT_KINDS).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "import_data", undefined, db);
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const mappings = await listMappings(db);
  const saved = mappings.map((m) => ({ name: m.name, kind: m.kind }));
  const kinds = [...IMPORT_KINDS];
  if (!query.token) return { saved, kinds, kind: query.kind ?? "case-periods", problem: query.problem ?? null, form: null };
  const held = heldUpload(query.token, principal.user.id);
  if (!held) return { saved, kinds, kind: "case-periods" as const, problem: "expired" as const, form: null };
  return { saved, kinds, kind: held.kind, problem: null, form: await mappingForm(db, held, null) };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "import_data", undefined, db);
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const step = await receiveUpload(db, request, principal.user.id);
    if (step.kind === "problem") throw redirect(`/imports/mapping?problem=${step.problem}`);
    if (step.kind === "imported") throw redirect(`/imports?show=${step.result.importId}&kind=${step.result.kind}`);
    throw redirect(`/imports/mapping?token=${step.token}`);
  }
  const form = await request.formData();
  const held = heldUpload(String(form.get("token") ?? ""), principal.user.id);
  if (!held) throw redirect("/imports/mapping?problem=expired");
  const fieldNames = (await mappingForm(db, held, {})).fields.map((f) => f.name);
  const choices = readChoices(form, fieldNames);
  const name = String(form.get("name") ?? "").slice(0, 100);
  if (form.get("intent") === "refresh") return { form: await mappingForm(db, held, choices.columns, choices.values), name, problem: null };
  const saved = await saveAndImport(db, held, name, choices);
  if (saved.ok) throw redirect(`/imports?show=${saved.result.importId}&kind=${saved.result.kind}`);
  return { form: await mappingForm(db, held, choices.columns, choices.values), name, problem: saved.problem, missing: saved.missing ?? [] };
}
