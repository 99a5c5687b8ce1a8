import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse,
  useLocation, useNavigation, useRouteError, useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import appCss from "./styles/app.css";
import type { Capability } from "../domain/access";
import { useT, type Lang } from "./lib/i18n";
import { useNonce } from "./lib/nonce";
import { errorTexts } from "./lib/error-texts";
import { rootData } from "./root.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];
export const meta: MetaFunction = () => [{ title: "Arbejdsmiljø og belastning" }];

const NAV: { to: string; capability: Capability; key: keyof typeof TEXTS.da.nav }[] = [
  { to: "/team", capability: "view_load", key: "team" },
  { to: "/organisation", capability: "view_load", key: "organisation" },
  { to: "/teams", capability: "view_load", key: "teams" },
  { to: "/risk", capability: "view_load", key: "risk" },
  { to: "/wellbeing", capability: "view_wellbeing", key: "wellbeing" },
  { to: "/rollout", capability: "view_load", key: "rollout" },
  { to: "/plans", capability: "view_plans", key: "plans" },
  { to: "/apv", capability: "view_plans", key: "apv" },
  { to: "/turnover", capability: "view_turnover", key: "turnover" },
  { to: "/imports", capability: "import_data", key: "imports" },
  { to: "/admin/users", capability: "admin_users", key: "users" },
  { to: "/admin/audit", capability: "view_audit", key: "audit" },
  { to: "/admin/jobs", capability: "view_jobs", key: "jobs" },
  { to: "/admin/privacy", capability: "admin_users", key: "privacy" },
  { to: "/admin/mail", capability: "view_jobs", key: "mail" },
  { to: "/admin/settings", capability: "admin_settings", key: "settings" },
  { to: "/admin/connections", capability: "manage_connections", key: "connections" },
];

// The loader's work is in root.server.ts; NAV stays here because the header renders it too.
export const loader = (args: LoaderFunctionArgs) => rootData(args, NAV);

const TEXTS = {
  da: {
    skip: "Spring til indhold",
    product: "Arbejdsmiljø og belastning",
    logout: "Log ud",
    notifications: "Notifikationer",
    unread: (n: number) => `${n} ulæste`,
    language: "English",
    loading: "Indlæser …",
    accessibility: "Tilgængelighedserklæring",
    nav: {
      team: "Mit team", organisation: "Organisation", teams: "Alle teams", risk: "Risikoradar", wellbeing: "Trivsel",
      rollout: "Relationel velfærd", plans: "Handleplaner", apv: "APV", turnover: "Personaleomsætning",
      imports: "Import", users: "Brugere", audit: "Revisionsspor", jobs: "Jobs", mail: "Mails", privacy: "Persondata",
      settings: "Indstillinger", connections: "Forbindelser",
    },
  },
  en: {
    skip: "Skip to content",
    product: "Work environment and load",
    logout: "Log out",
    notifications: "Notifications",
    unread: (n: number) => `${n} unread`,
    language: "Dansk",
    loading: "Loading …",
    accessibility: "Accessibility statement",
    nav: {
      team: "My team", organisation: "Organisation", teams: "All teams", risk: "Risk radar", wellbeing: "Wellbeing",
      rollout: "Relational welfare", plans: "Action plans", apv: "APV", turnover: "Staff turnover",
      imports: "Import", users: "Users", audit: "Audit trail", jobs: "Jobs", mail: "Mail", privacy: "Personal data",
      settings: "Settings", connections: "Connections",
    },
  },
};

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang={data?.lang ?? "da"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  // Read through the route id, so the error boundary can show the header too.
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT(TEXTS);
  const location = useLocation();
  const navigation = useNavigation();
  if (!data) return null;
  const otherLang: Lang = data.lang === "da" ? "en" : "da";
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">{t.skip}</a>
      <div className="brand"><Link to="/">{t.product}</Link></div>
      {data.user ? (
        <nav aria-label="Hovedmenu" className="main-nav">
          {data.nav.map((to) => {
            const item = NAV.find((n) => n.to === to)!;
            return <NavLink key={to} to={to} prefetch="intent">{t.nav[item.key]}</NavLink>;
          })}
        </nav>
      ) : null}
      <div className="header-tools">
        <Form method="post" action="/language" className="inline">
          <input type="hidden" name="lang" value={otherLang} />
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <button type="submit" className="link-button" lang={otherLang}>{t.language}</button>
        </Form>
        {data.user ? (
          <Link to="/notifications" className="notifications-link">
            {t.notifications}
            {"unread" in data && data.unread > 0 ? <span className="badge" aria-label={t.unread(data.unread)}>{data.unread}</span> : null}
          </Link>
        ) : null}
        {data.user ? (
          <Form method="post" action="/logout" className="inline">
            <span className="user-name">{data.user.displayName}</span>{" "}
            <button type="submit" className="link-button">{t.logout}</button>
          </Form>
        ) : null}
      </div>
      {navigation.state !== "idle" ? <div className="progress-bar" role="status" aria-label={t.loading} /> : null}
    </header>
  );
}

/** On every page, the error pages included: the accessibility statement (webtilgængelighedsloven). */
function Footer() {
  const t = useT(TEXTS);
  return (
    <footer className="site-footer">
      <a href="/tilgaengelighed">{t.accessibility}</a>
    </footer>
  );
}

export default function App() {
  return (
    <>
      <Header />
      <main id="main" className="page">
        <Outlet />
      </main>
      <Footer />
    </>
  );
}

/** Danish error pages that say what happened and nothing about the internals. */
export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const { title, body, home: homeLabel } = errorTexts(data?.lang ?? "da", status);
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <>
      <Header />
      <main id="main" className="page error-page">
        <h1>{title}</h1>
        <p>{body}</p>
        <p className="muted">{status}</p>
        <p><a href="/">{homeLabel}</a></p>
      </main>
      <Footer />
    </>
  );
}
