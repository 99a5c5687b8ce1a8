// The notifications route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { requirePrincipal } from "~/lib/guard.server";
import { getDb } from "../../db/client";
import { listNotifications } from "../../db/presenters/notifications";
import { markRead } from "../../db/commands/notifications";
import { mailPreferences, setMailPreference } from "../../jobs/mail/preferences";
import { MAIL_KINDS } from "../../domain/mail-kinds";
import { BAD_REQUEST, invariantResponse } from "~/lib/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requirePrincipal(request, db);
  const [notifications, mail] = await Promise.all([listNotifications(db, principal.user.id), mailPreferences(db, principal.user.id)]);
  return { notifications, mail };
}

const MarkRead = z.object({
  intent: z.literal("read"),
  id: z.union([z.literal("all"), z.coerce.number().int().positive()]),
});

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const principal = await requirePrincipal(request, db);
  const form = await request.formData();
  if (form.get("intent") === "mail_settings") {
    // A checkbox per kind: checked = wanted. Only the user's own preferences change.
    for (const kind of MAIL_KINDS) await setMailPreference(db, principal.user.id, kind, form.get(`mail_${kind}`) === "on", "settings");
    return redirect("/notifications?saved=mail#mail-settings");
  }
  const parsed = MarkRead.safeParse(Object.fromEntries(form));
  invariantResponse(parsed.success, BAD_REQUEST, { status: 400 });
  // markRead is bounded by the user id: another user's notification id changes nothing.
  await markRead(db, principal.user.id, parsed.data.id);
  return redirect("/notifications");
}
