// /unsubscribe?u=&k=&t=: the link in every mail. Works without signing in: the signed token names
// one user and one kind of mail. GET asks (link scanners must not unsubscribe anyone); POST —
// the button, or a mail client's RFC 8058 one-click POST to the same URL — unsubscribes.
import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { loader, action } from "./unsubscribe.server";

export { loader, action } from "./unsubscribe.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const meta: MetaFunction = () => [{ title: "Afmeld mails · Arbejdsmiljø og belastning" }];

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
