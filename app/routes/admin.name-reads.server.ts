// The admin.name-reads route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { listNameReads } from "../../db/privacy/name-reads";
import { env } from "../../env";
import { NAME_READ_KINDS } from "../../db/privacy/kinds";
import { requireCapability } from "~/lib/guard.server";
import { auditUserOptions } from "../../db/presenters/audit";
import { invariantResponse } from "~/lib/responses.server";

const empty = (v: unknown) => (v === null || v === "" ? undefined : v);

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const Filter = z.object({
  userId: z.preprocess(empty, z.coerce.number().int().positive().max(2_147_483_647).optional()),
  kind: z.preprocess(empty, z.enum(NAME_READ_KINDS).optional()),
  from: z.preprocess(empty, IsoDay.optional()),
  to: z.preprocess(empty, IsoDay.optional()),
  page: z.preprocess(empty, z.coerce.number().int().min(1).max(100_000).default(1)),
});

const PAGE_SIZE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "view_audit");
  const params = new URL(request.url).searchParams;
  const filter = Filter.safeParse(Object.fromEntries(params));
  invariantResponse(filter.success, "Ugyldigt filter", { status: 400 });
  const db = getDb();
  const [result, users] = await Promise.all([listNameReads(db, { ...filter.data, pageSize: PAGE_SIZE }), auditUserOptions(db)]);
  return { ...result, page: filter.data.page, users, retentionDays: env().NAME_READ_LOG_RETENTION_DAYS };
}
