// The admin.users._index route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { readFormData } from "~/lib/auth.server";
import { createUser, PASSWORD_MIN_LENGTH } from "../../db/commands/users";
import { grantPickers, listUsers } from "../../db/presenters/users";
import { InputError } from "../../db/commands/input-error";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "admin_users");
  const db = getDb();
  const [users, pickers] = await Promise.all([listUsers(db), grantPickers(db)]);
  return {
    users: users.map((u) => ({ ...u, lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null })),
    pickers,
    // Sent as data: a constant imported from a .server module is undefined in the browser bundle.
    passwordMinLength: PASSWORD_MIN_LENGTH,
  };
}

const empty = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

const CreateForm = z.object({
  email: z.string().max(200),
  displayName: z.string().max(200),
  password: z.preprocess(empty, z.string().max(200).optional()),
  language: z.enum(["da", "en"]).default("da"),
  employeeId: z.preprocess(empty, z.string().max(100).optional()),
  role: z.preprocess(empty, z.enum(["admin", "hr", "director", "med", "manager"]).optional()),
  unitId: z.preprocess(empty, z.coerce.number().int().positive().optional()),
  committeeId: z.preprocess(empty, z.coerce.number().int().positive().optional()),
});

export type ActionResult = { errors: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireCapability(request, "admin_users");
  const form = Object.fromEntries(await readFormData(request));
  const values = Object.fromEntries(Object.entries(form).filter(([k, v]) => k !== "password" && typeof v === "string")) as Record<string, string>;
  const parsed = CreateForm.safeParse(form);
  if (!parsed.success) return data<ActionResult>({ errors: { form: "invalid" }, values }, { status: 400 });
  const f = parsed.data;
  try {
    const { id } = await createUser(
      getDb(),
      {
        email: f.email, displayName: f.displayName, password: f.password, language: f.language, employeeId: f.employeeId ?? null,
        roles: f.role ? [{ role: f.role, unitId: f.unitId ?? null, committeeId: f.committeeId ?? null }] : [],
      },
      { userId: principal.user.id },
    );
    return redirect(`/admin/users/${id}?oprettet=1`);
  } catch (error) {
    if (error instanceof InputError) return data<ActionResult>({ errors: error.fieldErrors, values }, { status: 400 });
    throw error;
  }
}
