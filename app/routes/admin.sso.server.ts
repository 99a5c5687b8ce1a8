// The admin.sso route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { readFormData } from "~/lib/auth.server";
import { grantPickers } from "../../db/presenters/users";
import { loginOptions, oidcConfig, samlConfig } from "~/lib/sso/config.server";
import { addMapping, listMappings, removeMappings, ssoUserCount } from "~/lib/sso/store.server";
import { InputError } from "../../db/commands/input-error";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "admin_users");
  const db = getDb();
  const [mappings, pickers, users] = await Promise.all([listMappings(db), grantPickers(db), ssoUserCount(db)]);
  const oidc = oidcConfig();
  const saml = samlConfig();
  return {
    mappings, pickers, users, options: loginOptions(),
    oidc: oidc ? { issuer: oidc.issuer, redirectUri: oidc.redirectUri, rolesClaim: oidc.rolesClaims.join(", "), logoutUri: oidc.postLogoutRedirectUri } : null,
    saml: saml ? { metadataUrl: saml.metadataUrl, acsUrl: saml.acsUrl, entityId: saml.spEntityId } : null,
  };
}

const empty = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

const Add = z.object({
  intent: z.literal("add"),
  claimValue: z.string().max(500),
  role: z.enum(["admin", "hr", "director", "med", "manager"]),
  unitId: z.preprocess(empty, z.coerce.number().int().positive().optional()),
  committeeId: z.preprocess(empty, z.coerce.number().int().positive().optional()),
});

const Remove = z.object({ intent: z.literal("remove"), id: z.coerce.number().int().positive() });

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireCapability(request, "admin_users");
  const form = Object.fromEntries(await readFormData(request));
  const parsed = z.discriminatedUnion("intent", [Add, Remove]).safeParse(form);
  if (!parsed.success) return data({ error: "invalid" }, { status: 400 });
  const by = { userId: principal.user.id };
  try {
    if (parsed.data.intent === "add") {
      const { claimValue, role, unitId, committeeId } = parsed.data;
      await addMapping(getDb(), { claimValue, role, unitId, committeeId }, by);
    } else {
      await removeMappings(getDb(), { id: parsed.data.id }, by);
    }
  } catch (error) {
    if (error instanceof InputError) return data({ error: Object.values(error.fieldErrors)[0] ?? "invalid" }, { status: 400 });
    throw error;
  }
  return redirect("/admin/sso");
}
