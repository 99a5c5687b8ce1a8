// The admin.mail route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { requireCapability } from "~/lib/guard.server";
import { can } from "../../domain/access";
import { env } from "../../env";
import { listOutbox, outboxMail } from "../../jobs/mail/outbox";
import { recordAudit } from "../../db/audit";
import { requeueMail } from "../../jobs/mail/deliver";
import { MAIL_STATUSES } from "../../db/schema/mail";
import { BAD_REQUEST, invariantResponse, notFound } from "~/lib/responses.server";

const Query = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  status: z.enum(MAIL_STATUSES).optional(),
  id: z.coerce.number().int().positive().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "view_jobs", undefined, db);
  const raw = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v.trim() !== ""));
  const query = Query.safeParse(raw);
  invariantResponse(query.success, "Ugyldigt filter", { status: 400 });
  const [list, selected] = await Promise.all([
    listOutbox(db, { page: query.data.page, status: query.data.status }),
    query.data.id ? outboxMail(db, query.data.id) : Promise.resolve(null),
  ]);
  if (query.data.id && !selected) throw notFound("Mailen findes ikke");
  return { ...list, selected, smtp: Boolean(env().SMTP_URL), mayRequeue: can(principal, "run_jobs") };
}

const Requeue = z.object({ intent: z.literal("requeue"), id: z.coerce.number().int().positive() });

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const principal = await requireCapability(request, "run_jobs", undefined, db);
  const parsed = Requeue.safeParse(Object.fromEntries(await request.formData()));
  invariantResponse(parsed.success, BAD_REQUEST, { status: 400 });
  const mail = await outboxMail(db, parsed.data.id);
  invariantResponse(mail, "Mailen findes ikke", { status: 404 });
  if (await requeueMail(db, parsed.data.id)) {
    await recordAudit(db, { userId: principal.user.id, action: "requeue", entity: "mail_outbox", entityId: parsed.data.id, after: { subject: mail.subject, to: mail.toAddress } });
  }
  return redirect(`/admin/mail?id=${parsed.data.id}`);
}
