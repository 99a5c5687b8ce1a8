// The plans.new route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { assertCan, requireCapability } from "~/lib/guard.server";
import { can, scopeOf } from "../../domain/access";
import { committeesInScope, dimensionLabelsDa, latestRiskSignals, surveyRoundOptions, surveyScores, unitName } from "../../db/presenters/plan-views";
import { createPlan } from "../../db/commands/plans";
import { getDb } from "../../db/client";
import { unitPicker } from "../../db/presenters/units";
import { riskSignalPrefill, surveyPrefill } from "~/lib/plan-prefill";
import { InputError } from "../../db/commands/input-error";

const Prefill = z.object({
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  signal: z.enum(["workload_emotional", "unclear_demands", "turnover", "any"]).optional().catch(undefined),
  survey: z.string().trim().min(1).max(100).optional().catch(undefined),
  /** From a dimension on the wellbeing page: the plan is about that dimension (and its AT theme). */
  dimension: z.string().trim().min(1).max(100).optional().catch(undefined),
});

export type Values = {
  unitId?: string; committeeId?: string; title?: string; description?: string; sourceKind?: string; atReference?: string;
  atReaction?: string; atVisitDate?: string; atDecisionDate?: string; atThemes?: string[]; deadline?: string;
  appealStatus?: string; apvRound?: string; surveyRound?: string;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "edit_plans", undefined, db);
  const url = new URL(request.url);
  const q = Prefill.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== "")));
  const values: Values = { sourceKind: "at_decision", appealStatus: "none", atThemes: [] };
  let prefillNote: string | null = null;
  if (q.unit) {
    assertCan(principal, "edit_plans", q.unit);
    const name = (await unitName(db, q.unit)) ?? "";
    values.unitId = String(q.unit);
    // The evidence is shown only to those who may see it on its own page (risk radar, wellbeing).
    if (q.signal && can(principal, "view_load", q.unit)) {
      const signals = await latestRiskSignals(db, q.unit, q.signal === "any" ? null : q.signal);
      if (signals.length) {
        values.sourceKind = "risk_signal";
        Object.assign(values, riskSignalPrefill("da", name, signals, await dimensionLabelsDa(db)));
        prefillNote = "signal";
      } else {
        prefillNote = "no_signal";
      }
    } else if (q.survey) {
      const all = can(principal, "view_wellbeing", q.unit) ? await surveyScores(db, q.unit, q.survey) : [];
      values.sourceKind = "survey";
      values.surveyRound = q.survey;
      // Plans are written in Danish, whoever opens the form.
      Object.assign(values, surveyPrefill("da", name, q.survey, all, q.dimension));
      prefillNote = "survey";
    }
  }
  const scope = scopeOf(principal, "edit_plans");
  const chosen = Number(values.unitId);
  const picker = await unitPicker(db, scope, Number.isInteger(chosen) && chosen > 0 ? chosen : null);
  return {
    values,
    prefillNote,
    units: picker.options,
    teamsOmitted: picker.teamsOmitted,
    committees: await committeesInScope(db, scopeOf(principal, "view_plans")),
    rounds: await surveyRoundOptions(db),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "edit_plans", undefined, db);
  const form = await request.formData();
  const values: Values = {
    ...Object.fromEntries([...form].filter(([k, v]) => k !== "atThemes" && typeof v === "string")) as Values,
    atThemes: form.getAll("atThemes").filter((v): v is string => typeof v === "string"),
  };
  const unitId = Number(values.unitId);
  // The plan's unit decides who may create it: a manager of another unit gets 403, not a plan.
  if (Number.isInteger(unitId) && unitId > 0) assertCan(principal, "edit_plans", unitId);
  try {
    const { id } = await createPlan(db, values, { userId: principal.user.id });
    return redirect(`/plans/${id}`);
  } catch (error) {
    if (error instanceof InputError) return data({ fieldErrors: error.fieldErrors, values }, { status: 400 });
    throw error;
  }
}
