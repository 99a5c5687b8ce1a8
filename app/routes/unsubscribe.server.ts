// The unsubscribe route's server half: its loader and action, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { setMailPreference, userLanguage } from "../../jobs/mail/preferences";
import { verifyUnsubscribeToken } from "../../jobs/mail/unsubscribe-token";
import { isMailKind, MAIL_KIND_LABELS, type MailKind } from "../../domain/mail-kinds";
import type { Lang } from "~/lib/i18n";
import { badRequest, invariantResponse } from "~/lib/responses.server";

const Link_ = z.object({
  u: z.coerce.number().int().positive(),
  k: z.string().refine(isMailKind),
  t: z.string().min(10).max(200),
});

/** The user and kind the link names, or a 400 when it is not a link this product signed. */
async function verified(fields: Record<string, unknown>): Promise<{ userId: number; kind: MailKind; lang: Lang }> {
  const parsed = Link_.safeParse(fields);
  if (!parsed.success || !verifyUnsubscribeToken(parsed.data.u, parsed.data.k as MailKind, parsed.data.t)) {
    throw badRequest("Linket er ugyldigt. Du kan vælge dine mails under Notifikationer, når du er logget ind.");
  }
  const language = await userLanguage(getDb(), parsed.data.u);
  invariantResponse(language, "Brugeren findes ikke længere.", { status: 404 });
  return { userId: parsed.data.u, kind: parsed.data.k as MailKind, lang: language };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { kind, lang } = await verified(params);
  return { kind, lang, label: MAIL_KIND_LABELS[kind][lang], fields: { u: params.u, k: params.k, t: params.t } };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { userId, kind, lang } = await verified({ ...query, ...form });
  await setMailPreference(getDb(), userId, kind, false, "link");
  return { done: true, label: MAIL_KIND_LABELS[kind][lang], lang };
}
