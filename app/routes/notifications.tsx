import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import plansCss from "~/styles/plans.css";
import { MAIL_KINDS, MAIL_KIND_LABELS } from "../../domain/mail-kinds";
import { formatDate, useLang, useT } from "~/lib/i18n";
import type { loader } from "./notifications.server";

export { loader, action } from "./notifications.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: plansCss }];

export const meta: MetaFunction = () => [{ title: "Notifikationer · Arbejdsmiljø og belastning" }];

const TEXTS = {
  da: {
    title: "Notifikationer", none: "Du har ingen notifikationer.", markAll: "Markér alle som læst", markOne: "Markér som læst",
    unread: "Ulæst", read: "Læst", plan: "Åbn handleplanen",
    kind: { due_soon: "Frist om højst 7 dage", overdue: "Frist overskredet", escalated: "Eskaleret: 7 dage over fristen" } as Record<string, string>,
    intro: "Påmindelser om dine indsatser og, for udvalgsmedlemmer, indsatser der er mere end en uge over fristen.",
    mailTitle: "Mails", mailIntro: "Vælg, hvilke mails du vil have. Notifikationerne her på siden kommer uanset.", save: "Gem valg", saved: "Dine valg er gemt.", sendMe: "Send mig mails med:",
  },
  en: {
    title: "Notifications", none: "You have no notifications.", markAll: "Mark all as read", markOne: "Mark as read",
    unread: "Unread", read: "Read", plan: "Open the action plan",
    kind: { due_soon: "Due within 7 days", overdue: "Overdue", escalated: "Escalated: 7 days overdue" } as Record<string, string>,
    intro: "Reminders about your action items and, for committee members, items more than a week overdue.",
    mailTitle: "Mail", mailIntro: "Choose which mails you want. The notifications on this page come either way.", save: "Save choices", saved: "Your choices are saved.", sendMe: "Send me mails with:",
  },
};

export default function NotificationsPage() {
  const { notifications, mail } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const t = useT(TEXTS);
  const lang = useLang();
  const unread = notifications.filter((n) => !n.read).length;
  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      {unread > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read" />
          <input type="hidden" name="id" value="all" />
          <button type="submit" disabled={busy}>{t.markAll} ({unread})</button>
        </Form>
      ) : null}
      {notifications.length === 0 ? <p className="empty">{t.none}</p> : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {notifications.map((n) => (
            <li key={n.id} className={`card notification${n.read ? "" : " unread"}`}>
              <div className="row" style={{ justifyContent: "space-between" }}>
                <span className="kind">{t.kind[n.kind] ?? n.kind}</span>
                <span className="small muted">{formatDate(lang, n.forDate)} · {n.read ? t.read : <strong>{t.unread}</strong>}</span>
              </div>
              <p>{n.message}</p>
              <div className="row">
                {n.planId ? <Link to={`/plans/${n.planId}${n.itemId ? `#item-${n.itemId}` : ""}`}>{t.plan}</Link> : null}
                {!n.read ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="link-button" disabled={busy}>{t.markOne}</button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <section className="card stack" id="mail-settings" aria-labelledby="mail-settings-title">
        <h2 id="mail-settings-title">{t.mailTitle}</h2>
        <p className="muted">{t.mailIntro}</p>
        {params.get("saved") === "mail" ? <p className="notice" role="status">{t.saved}</p> : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="mail_settings" />
          <fieldset>
            <legend>{t.sendMe}</legend>
            {MAIL_KINDS.map((kind) => (
              <div key={kind}>
                <label>
                  <input type="checkbox" name={`mail_${kind}`} defaultChecked={mail[kind]} /> {MAIL_KIND_LABELS[kind][lang]}
                </label>
              </div>
            ))}
          </fieldset>
          <div><button type="submit" disabled={busy}>{t.save}</button></div>
        </Form>
      </section>
    </div>
  );
}
