// The apv.$id route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { forbidden, requirePrincipal } from "~/lib/guard.server";
import { can } from "../../domain/access";
import { getDb } from "../../db/client";
import { today } from "~/lib/plans.server";
import { addApvProblem, recordApvFollowUp } from "../../db/commands/apv";
import { apvProblemRound, apvRoundUnit, getApvRound } from "../../db/presenters/apv";
import { BAD_REQUEST, invariantResponse, notFound } from "~/lib/responses.server";
import { InputError } from "../../db/commands/input-error";

async function access(request: Request, params: { id?: string }) {
  const db = getDb();
  const principal = await requirePrincipal(request, db);
  const roundId = Number(params.id);
  const unitId = Number.isInteger(roundId) && roundId > 0 ? await apvRoundUnit(db, roundId) : null;
  if (unitId === null) throw notFound();
  if (!can(principal, "view_plans", unitId)) throw forbidden();
  return { db, principal, roundId, unitId, canEdit: can(principal, "edit_plans", unitId) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const a = await access(request, params);
  const day = today();
  return { today: day, detail: (await getApvRound(a.db, a.roundId, day))!, canEdit: a.canEdit };
}

const Intent = z.enum(["add_problem", "follow_up"]);

export async function action({ request, params }: ActionFunctionArgs) {
  const a = await access(request, params);
  if (!a.canEdit) throw forbidden();
  const values = Object.fromEntries([...(await request.formData())].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const intent = Intent.safeParse(values.intent);
  invariantResponse(intent.success, BAD_REQUEST, { status: 400 });
  const by = { userId: a.principal.user.id };
  try {
    if (intent.data === "add_problem") {
      await addApvProblem(a.db, { ...values, roundId: a.roundId }, by);
    } else {
      if ((await apvProblemRound(a.db, Number(values.problemId))) !== a.roundId) {
        return data({ intent: intent.data, problemId: values.problemId, fieldErrors: { problemId: "unknown" } }, { status: 400 });
      }
      await recordApvFollowUp(a.db, values, by, today());
    }
  } catch (error) {
    if (error instanceof InputError) return data({ intent: intent.data, problemId: values.problemId ?? null, fieldErrors: error.fieldErrors }, { status: 400 });
    throw error;
  }
  return redirect(`/apv/${a.roundId}#problems`);
}
