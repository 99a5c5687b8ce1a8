// /unsubscribe?u=&k=&t=: the link in every mail. Works without signing in: the signed token names
// one user and one kind of mail. GET asks (link scanners must not unsubscribe anyone); POST —
// the button, or a mail client's RFC 8058 one-click POST to the same URL — unsubscribes.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/lib/db.server";
import { setMailPreference, userLanguage, verifyUnsubscribeToken } from "~/lib/ops.server";
import { isMailKind, MAIL_KIND_LABELS, type MailKind } from "../../domain/mail-kinds";
import type { Lang } from "~/lib/i18n";

export const meta: MetaFunction = () => [{ title: "Afmeld mails · Arbejdsmiljø og belastning" }];

const Link_ = z.object({
  u: z.coerce.number().int().positive(),
  k: z.string().refine(isMailKind),
  t: z.string().min(10).max(200),
});

/** The user and kind the link names, or a 400 when it is not a link this product signed. */
async function verified(fields: Record<string, unknown>): Promise<{ userId: number; kind: MailKind; lang: Lang }> {
  const parsed = Link_.safeParse(fields);
  if (!parsed.success || !verifyUnsubscribeToken(parsed.data.u, parsed.data.k as MailKind, parsed.data.t)) {
    throw new Response("Linket er ugyldigt. Du kan vælge dine mails under Notifikationer, når du er logget ind.", {
      status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const language = await userLanguage(getDb(), parsed.data.u);
  if (!language) throw new Response("Brugeren findes ikke længere.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
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

const TEXTS = {
  da: {
    title: "Afmeld mails", ask: (k: string) => `Vil du afmelde mails af typen »${k}«?`, button: "Afmeld",
    done: (k: string) => `Du er afmeldt: du får ikke flere mails af typen »${k}«. Notifikationerne i produktet fortsætter.`,
    settings: "Du kan ændre dine valg under Notifikationer, når du er logget ind.", go: "Gå til Notifikationer",
  },
  en: {
    title: "Unsubscribe", ask: (k: string) => `Unsubscribe from “${k}” mails?`, button: "Unsubscribe",
    done: (k: string) => `You are unsubscribed: no more “${k}” mails. The notifications inside the product continue.`,
    settings: "You can change your choices under Notifications when signed in.", go: "Go to Notifications",
  },
};

export default function Unsubscribe() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = TEXTS[result?.lang ?? data.lang];
  return (
    <div className="stack" lang={data.lang}>
      <h1>{t.title}</h1>
      {result?.done ? <p className="notice" role="status">{t.done(result.label)}</p> : (
        <Form method="post" className="card stack">
          <p>{t.ask(data.label)}</p>
          {Object.entries(data.fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value ?? ""} />)}
          <div><button type="submit" className="primary">{t.button}</button></div>
        </Form>
      )}
      <p className="muted">{t.settings} <Link to="/notifications#mail-settings">{t.go}</Link></p>
    </div>
  );
}
