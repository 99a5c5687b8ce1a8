// The admin.privacy route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { collectPersonData, personDataSummary } from "../../db/privacy/person-data";
import { pseudonymiseEmployee, PseudonymisationError } from "../../db/privacy/pseudonymise";
import { pseudonymisationKey } from "../../db/privacy/key";
import { isPseudonym } from "../../db/privacy/rules";
import { requireCapability } from "~/lib/guard.server";
import { readFormData } from "~/lib/auth.server";
import { parsePersonQuery } from "~/lib/privacy-params";
import { invariantResponse } from "~/lib/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "admin_users");
  const params = new URL(request.url).searchParams;
  const query = parsePersonQuery(params);
  invariantResponse(query.success, "Ugyldig søgning", { status: 400 });
  if (!query.data.employeeId && !query.data.email) return { searched: false as const, person: null };
  const person = await collectPersonData(getDb(), query.data);
  if (!person) return { searched: true as const, person: null };
  return {
    searched: true as const,
    person: {
      employeeId: person.employee?.id ?? null,
      displayName: person.employee?.displayName ?? (person.users[0]?.displayName as string | undefined) ?? null,
      pseudonymised: person.employee ? isPseudonym(person.employee.id) : false,
      summary: personDataSummary(person),
    },
  };
}

const EraseForm = z.object({
  intent: z.literal("erase"),
  employeeId: z.string().trim().min(1).max(100),
  reason: z.string().trim().min(10).max(500),
  confirm: z.literal("on"),
});

export type EraseResult = { ok: boolean; fields: string[]; message: string | null; token: string | null };

export async function action({ request }: ActionFunctionArgs) {
  const principal = await requireCapability(request, "admin_users");
  const form = await readFormData(request);
  const parsed = EraseForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => String(i.path[0]));
    return data<EraseResult>({ ok: false, fields, message: null, token: null }, { status: 400 });
  }
  try {
    const result = await pseudonymiseEmployee(getDb(), parsed.data.employeeId, {
      reason: "erasure_request", note: parsed.data.reason, actorUserId: principal.user.id, digestKey: pseudonymisationKey(),
    });
    return data<EraseResult>({ ok: true, fields: [], message: null, token: result.token });
  } catch (error) {
    if (error instanceof PseudonymisationError) return data<EraseResult>({ ok: false, fields: [], message: error.message, token: null }, { status: 409 });
    throw error;
  }
}
