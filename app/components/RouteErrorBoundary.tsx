// A page route's ErrorBoundary: when its loader or action throws, only the route's part of the
// page becomes the error, so the header, navigation and footer of the root layout stay and the
// user can go on. Every page route exports it as ErrorBoundary. The message is chosen by status
// (403, 404, 400, other 5xx as 500) and never shows internals; the status is written out in words,
// not shown by colour.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useLang, type Lang } from "~/lib/i18n";
import { errorTexts } from "~/lib/error-texts";

const CODE_LABEL: Record<Lang, string> = { da: "Fejlkode", en: "Error code" };

/** The error panel for a status, in the page's language. */
export function RouteErrorView({ status, lang }: { status: number; lang: Lang }) {
  const { title, body, home } = errorTexts(lang, status);
  return (
    <section className="error-page route-error" aria-labelledby="route-error-title">
      <h1 id="route-error-title">{title}</h1>
      <p>{body}</p>
      <p className="muted">{`${CODE_LABEL[lang]}: ${status}`}</p>
      <p><a href="/">{home}</a></p>
    </section>
  );
}

export function RouteErrorBoundary() {
  const error = useRouteError();
  const lang = useLang();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A thrown Response is an answer the route chose; anything else is a bug worth the server log.
  if (!isRouteErrorResponse(error)) console.error(error);
  return <RouteErrorView status={status} lang={lang} />;
}
