// The admin.settings route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { readFormData } from "~/lib/auth.server";
import { today } from "~/lib/plans.server";
import { AT_THEMES } from "../../db/schema";
import { catalogues, complexityWeights, unitThresholds } from "../../db/presenters/settings";
import { saveCaseType, saveDimension, saveFlag, setComplexityWeights, setUnitThresholds } from "../../db/commands/settings";
import { InputError } from "../../db/commands/input-error";
import { THRESHOLD_KEYS, type ThresholdKey } from "../../domain/thresholds";
import { unitPicker } from "../../db/presenters/units";
import { notFound } from "~/lib/responses.server";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const decimal = (v: unknown) => (typeof v === "string" ? v.trim().replace(",", ".") : v);

const Query = z.object({ unit: z.preprocess(blank, z.coerce.number().int().positive().optional()).catch(undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "admin_settings");
  const db = getDb();
  const q = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const picker = await unitPicker(db, "all", q.unit ?? null);
  const unitId = q.unit ?? picker.options[0]?.id ?? null;
  const thresholds = unitId === null ? null : await unitThresholds(db, unitId);
  if (q.unit !== undefined && !thresholds) throw notFound();
  const [weights, lists] = await Promise.all([complexityWeights(db), catalogues(db)]);
  return { units: picker.options, thresholds, weights, ...lists, themes: [...AT_THEMES] };
}

const threshold = z.preprocess((v) => blank(decimal(v)), z.coerce.number().positive().max(10_000).optional());

const ThresholdForm = z.object({
  intent: z.literal("thresholds"), unitId: z.coerce.number().int().positive(),
  casesPerFte: threshold, weightedLoad: threshold, emotionalSharePct: threshold, turnover12mPct: threshold,
}).refine((f) => f.emotionalSharePct === undefined || f.emotionalSharePct <= 100, { path: ["emotionalSharePct"], message: "pct" })
  .refine((f) => f.turnover12mPct === undefined || f.turnover12mPct <= 1000, { path: ["turnover12mPct"], message: "range" });

const weight = z.preprocess(decimal, z.coerce.number().positive().max(100));

const WeightsForm = z.object({ intent: z.literal("weights"), w1: weight, w2: weight, w3: weight });

const key = z.string().trim().regex(/^[a-z][a-z0-9_]{1,59}$/);

const label = z.string().trim().min(1).max(200);

const create = z.preprocess((v) => v === "create", z.boolean());

const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());

const CaseTypeForm = z.object({
  intent: z.literal("caseType"), mode: create, key, labelDa: label, labelEn: label,
  defaultComplexity: z.coerce.number().int().min(1).max(3), specialised: checkbox,
});

const FlagForm = z.object({ intent: z.literal("flag"), mode: create, key, labelDa: label, labelEn: label });

// Built when the action runs: AT_THEMES comes from a .server module, which the browser bundle leaves out.
const actionForm = () => z.discriminatedUnion("intent", [ThresholdForm, WeightsForm, CaseTypeForm, FlagForm, z.object({
  intent: z.literal("dimension"), mode: create, key, labelDa: label, labelEn: label,
  higherIsBetter: z.enum(["true", "false"]).transform((v) => v === "true"),
  atTheme: z.preprocess(blank, z.enum(AT_THEMES).optional()),
})]);

export type ActionResult = { intent: string; target: string; errors: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireCapability(request, "admin_settings");
  const form = Object.fromEntries(await readFormData(request));
  const intent = typeof form.intent === "string" ? form.intent : "";
  const target = typeof form.key === "string" ? form.key : typeof form.mode === "string" && form.mode === "create" ? "new" : intent;
  const fail = (errors: Record<string, string>) => data<ActionResult>({ intent, target, errors }, { status: 400 });
  const parsed = actionForm().safeParse(form);
  if (!parsed.success) {
    return fail(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message === "pct" || i.message === "range" ? i.message : "invalid"])));
  }
  const f = parsed.data;
  const db = getDb();
  const actor = { userId: principal.user.id };
  try {
    const result = await db.transaction(async (tx) => {
      const h = tx as unknown as typeof db;
      switch (f.intent) {
        case "thresholds": {
          const values = Object.fromEntries(THRESHOLD_KEYS.map((k) => [k, f[k] ?? null])) as Record<ThresholdKey, number | null>;
          return { where: `?unit=${f.unitId}#thresholds`, ...(await setUnitThresholds(h, f.unitId, values, actor)) };
        }
        case "weights":
          return { where: "#weights", ...(await setComplexityWeights(h, { w1: f.w1, w2: f.w2, w3: f.w3 }, actor)) };
        case "caseType":
          return { where: "#case-types", ...(await saveCaseType(h, { key: f.key, labelDa: f.labelDa, labelEn: f.labelEn, defaultComplexity: f.defaultComplexity, specialised: f.specialised }, f.mode, actor)) };
        case "flag":
          return { where: "#flags", ...(await saveFlag(h, { key: f.key, labelDa: f.labelDa, labelEn: f.labelEn }, f.mode, actor)) };
        case "dimension":
          return { where: "#dimensions", ...(await saveDimension(h, { key: f.key, labelDa: f.labelDa, labelEn: f.labelEn, higherIsBetter: f.higherIsBetter, atTheme: f.atTheme ?? null }, f.mode, actor, today())) };
      }
    });
    const [path, hash] = result.where.split("#");
    const params = new URLSearchParams(path!.replace(/^\?/, ""));
    params.set("gemt", f.intent);
    if (result.requestId !== null) params.set("genberegning", String(result.requestId));
    return redirect(`/admin/settings?${params}#${hash}`);
  } catch (error) {
    if (error instanceof InputError) return fail({ key: error.code });
    throw error;
  }
}
