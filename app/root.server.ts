// The root route's server half: the signed-in user, language, navigation and unread count every
// page shows. Being *.server.ts keeps postgres.js out of the browser bundle.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalPrincipal } from "./lib/guard.server";
import { can, type Capability } from "../domain/access";
import { getLang } from "./lib/lang.server";
import { getDb } from "../db/client";
import { unreadCount } from "../db/presenters/notifications";

/** The root loader, given the header's navigation entries (each shown only with its capability). */
export async function rootData(args: LoaderFunctionArgs, navEntries: readonly { to: string; capability: Capability }[]) {
  const { request } = args;
  const db = getDb();
  const principal = await getOptionalPrincipal(args, db);
  const lang = await getLang(request, principal?.user.language);
  if (!principal) return { user: null, lang, nav: [] as string[] };
  const { user } = principal;
  const nav = navEntries.filter((n) => can(principal, n.capability)).map((n) => n.to);
  const unread = await unreadCount(db, user.id);
  return { user: { displayName: user.displayName, email: user.email }, lang, nav, roles: principal.roles, unread };
}
