// The apv._index route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { assertCan, requireCapability } from "~/lib/guard.server";
import { scopeOf } from "../../domain/access";
import { getDb } from "../../db/client";
import { today } from "~/lib/plans.server";
import { unitPicker } from "../../db/presenters/units";
import { createApvRound } from "../../db/commands/apv";
import { listApvRounds } from "../../db/presenters/apv";
import { InputError } from "../../db/commands/input-error";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_plans", undefined, db);
  const day = today();
  const rounds = await listApvRounds(db, scopeOf(principal, "view_plans"), day);
  const editScope = scopeOf(principal, "edit_plans");
  const units = editScope === "all" || editScope.size ? (await unitPicker(db, editScope, null)).options : [];
  return { today: day, rounds, units };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "edit_plans", undefined, db);
  const values = Object.fromEntries([...(await request.formData())].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const unitId = Number(values.unitId);
  if (Number.isInteger(unitId) && unitId > 0) assertCan(principal, "edit_plans", unitId);
  try {
    const { id } = await createApvRound(db, values, { userId: principal.user.id }, today());
    return redirect(`/apv/${id}`);
  } catch (error) {
    if (error instanceof InputError) return data({ fieldErrors: error.fieldErrors, values }, { status: 400 });
    throw error;
  }
}
