// The admin.connections route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { SETTINGS_EXAMPLES, connectionsPage, queueNamedSync, saveConnection, testNamedConnection } from "~/lib/connections.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  await requireCapability(request, "manage_connections", undefined, db);
  const params = new URL(request.url).searchParams;
  const run = z.coerce.number().int().positive().optional().catch(undefined).parse(params.get("run") ?? undefined);
  return { page: await connectionsPage(db), run: run ?? null, alreadyActive: params.get("active") === "1", examples: SETTINGS_EXAMPLES };
}

const ActionInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), name: z.string().max(40), source: z.string().max(20), settings: z.string().max(100_000), enabled: z.string().optional(), scheduled: z.string().optional() }),
  z.object({ intent: z.literal("test"), name: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("sync"), name: z.string().min(1).max(40), full: z.string().optional() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "manage_connections", undefined, db);
  const parsed = ActionInput.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { kind: "invalid" as const };
  const input = parsed.data;
  if (input.intent === "save") {
    const saved = await saveConnection(db, { ...input, enabled: input.enabled === "on", scheduled: input.scheduled === "on" });
    if (!saved.ok) return { kind: "saveError" as const, name: input.name, field: saved.field, message: saved.message };
    throw redirect("/admin/connections?saved=1");
  }
  if (input.intent === "test") {
    const tested = await testNamedConnection(db, input.name);
    return { kind: "test" as const, name: input.name, ok: tested.ok, message: tested.message };
  }
  const queued = await queueNamedSync(db, input.name, input.full === "1", principal.user.id);
  if ("error" in queued) return { kind: "syncError" as const, name: input.name, message: queued.error };
  throw redirect(`/admin/connections?run=${queued.runId}${queued.alreadyActive ? "&active=1" : ""}`);
}
