// The admin.users.$id route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { readFormData } from "~/lib/auth.server";
import { sessionTimeouts } from "~/lib/session.server";
import { deactivate, updateProfile, PASSWORD_MIN_LENGTH, reactivate, setPassword, setRoles, type RoleGrantInput } from "../../db/commands/users";
import { getUser, grantPickers } from "../../db/presenters/users";
import { endSessionsAsAdmin } from "../../db/commands/sessions";
import { liveSessions } from "../../db/presenters/sessions";
import { invariantResponse } from "~/lib/responses.server";
import { InputError } from "../../db/commands/input-error";

const IdParam = z.coerce.number().int().positive().max(2_147_483_647);

function userIdFrom(params: Record<string, string | undefined>): number {
  const parsed = IdParam.safeParse(params.id);
  invariantResponse(parsed.success, "Ikke fundet", { status: 404 });
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "admin_users");
  const db = getDb();
  const user = await getUser(db, userIdFrom(params));
  invariantResponse(user, "Ikke fundet", { status: 404 });
  return {
    user: { ...user, lastLoginAt: user.lastLoginAt ? new Date(user.lastLoginAt).toISOString() : null },
    pickers: await grantPickers(db),
    sessions: await liveSessions(db, user.id, sessionTimeouts()),
    // Sent as data: a constant imported from a .server module is undefined in the browser bundle.
    passwordMinLength: PASSWORD_MIN_LENGTH,
    timeouts: sessionTimeouts(),
  };
}

const empty = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

/** A kept grant travels as "role:unitId:committeeId" (empty for null), one checkbox each. */
const KeptGrant = z.string().regex(/^(admin|hr|director|med|manager):(\d*):(\d*)$/).transform((s): RoleGrantInput => {
  const [role, unit, committee] = s.split(":");
  return { role: role as RoleGrantInput["role"], unitId: unit ? Number(unit) : null, committeeId: committee ? Number(committee) : null };
});

const RolesForm = z.object({
  keep: z.array(KeptGrant).max(50),
  role: z.preprocess(empty, z.enum(["admin", "hr", "director", "med", "manager"]).optional()),
  unitId: z.preprocess(empty, z.coerce.number().int().positive().optional()),
  committeeId: z.preprocess(empty, z.coerce.number().int().positive().optional()),
});

/** One session by its stored hash, or (absent) every session of the user. */
const SessionHash = z.string().regex(/^[0-9a-f]{64}$/).optional();

export type ActionResult = { intent: string; errors: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const principal = await requireCapability(request, "admin_users");
  const userId = userIdFrom(params);
  const db = getDb();
  const by = { userId: principal.user.id };
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  try {
    switch (intent) {
      case "roles": {
        const parsed = RolesForm.safeParse({
          keep: form.getAll("keep"), role: form.get("role"), unitId: form.get("unitId"), committeeId: form.get("committeeId"),
        });
        if (!parsed.success) return data<ActionResult>({ intent, errors: { form: "invalid" } }, { status: 400 });
        const { keep, role, unitId, committeeId } = parsed.data;
        const added: RoleGrantInput[] = role ? [{ role, unitId: unitId ?? null, committeeId: committeeId ?? null }] : [];
        await setRoles(db, userId, [...keep, ...added], by);
        break;
      }
      case "profile":
        await updateProfile(db, userId, {
          displayName: String(form.get("displayName") ?? ""),
          language: form.get("language") === "en" ? "en" : "da",
          employeeId: String(form.get("employeeId") ?? ""),
        }, by);
        break;
      case "deactivate":
        await deactivate(db, userId, by);
        break;
      case "reactivate":
        await reactivate(db, userId, by);
        break;
      case "password":
        await setPassword(db, userId, String(form.get("password") ?? ""), by);
        break;
      case "end_sessions": {
        const one = SessionHash.safeParse(form.get("session") ?? undefined);
        if (!one.success) return data<ActionResult>({ intent, errors: { form: "invalid" } }, { status: 400 });
        await endSessionsAsAdmin(db, userId, by, one.data);
        break;
      }
      default:
        return data<ActionResult>({ intent, errors: { form: "invalid" } }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof InputError) return data<ActionResult>({ intent, errors: error.fieldErrors }, { status: 400 });
    throw error;
  }
  return redirect(`/admin/users/${userId}?gemt=${intent}`);
}
