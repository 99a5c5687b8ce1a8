// GET /auth/refused?reason=&via=: why a single sign-on login was refused, and whom to ask.
// Public: the person has no session (that is the point).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { loginOptions } from "~/lib/sso/config.server";
import { REFUSAL_REASONS } from "~/lib/sso/login.server";
import { useT } from "~/lib/i18n";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const meta: MetaFunction = () => [{ title: "Ingen adgang · Arbejdsmiljø og belastning" }];

const Query = z.object({ reason: z.enum(REFUSAL_REASONS).catch("failed"), via: z.enum(["oidc", "saml"]).catch("oidc") });

export async function loader({ request }: LoaderFunctionArgs) {
  const { reason, via } = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const options = loginOptions();
  const provider = (via === "saml" ? options.saml?.name : options.oidc?.name) ?? "kommunens login";
  return { reason, provider };
}

type Reason = (typeof REFUSAL_REASONS)[number];
const TEXTS = {
  da: {
    title: "Du kan ikke logge ind endnu",
    reasons: {
      unmapped: (p: string) => `Du er logget ind hos ${p}, men du har ikke en rolle i Belastning. Din bruger er derfor ikke oprettet.`,
      overage: (p: string) => `${p} sendte ikke dine grupper, fordi du er medlem af for mange (over 200 grupper i Entra ID, "group overage"). Belastning kan derfor ikke se, hvilken rolle du skal have.`,
      inactive: () => "Din bruger i Belastning er deaktiveret.",
      email_taken: () => "Der findes allerede en bruger i Belastning med din e-mailadresse, som ikke er koblet til single sign-on.",
      failed: (p: string) => `Login via ${p} kunne ikke gennemføres: svaret fra ${p} var ugyldigt eller udløbet. Prøv igen.`,
      unavailable: (p: string) => `${p} svarer ikke lige nu. Prøv igen om lidt.`,
    } satisfies Record<Reason, (p: string) => string>,
    ask: {
      unmapped: (p: string) => `Bed din leder eller kommunens IT-afdeling om at give dig en rolle til Belastning i ${p} (en app-rolle eller gruppe, som administratoren af Belastning har koblet til en rolle). Rollen virker, næste gang du logger ind.`,
      overage: () => "Bed kommunens IT-afdeling om at tildele Belastnings roller som app-roller (claim \"roles\") i stedet for grupper, eller om at begrænse de grupper, der sendes til Belastning.",
      inactive: () => "Kontakt administratoren af Belastning i din kommune, hvis du skal have adgang igen.",
      email_taken: () => "Bed administratoren af Belastning om at deaktivere eller omdøbe den gamle bruger; så oprettes du ved næste login.",
      failed: () => "Bliver det ved, så kontakt kommunens IT-afdeling.",
      unavailable: () => "Bliver det ved, så kontakt kommunens IT-afdeling.",
    } satisfies Record<Reason, (p: string) => string>,
    back: "Til login-siden",
  },
  en: {
    title: "You cannot sign in yet",
    reasons: {
      unmapped: (p: string) => `You are signed in at ${p}, but you have no role in Belastning, so no account was created.`,
      overage: (p: string) => `${p} did not send your groups because you are a member of too many (over 200 groups in Entra ID, "group overage"), so Belastning cannot tell which role you should have.`,
      inactive: () => "Your Belastning account has been deactivated.",
      email_taken: () => "A Belastning account with your e-mail address already exists and is not linked to single sign-on.",
      failed: (p: string) => `Signing in through ${p} failed: the answer from ${p} was invalid or expired. Try again.`,
      unavailable: (p: string) => `${p} is not answering right now. Try again shortly.`,
    } satisfies Record<Reason, (p: string) => string>,
    ask: {
      unmapped: (p: string) => `Ask your manager or the municipality's IT department to give you a Belastning role in ${p} (an app role or group the Belastning administrator has mapped to a role). It takes effect at your next sign-in.`,
      overage: () => "Ask the municipality's IT department to assign Belastning's roles as app roles (the \"roles\" claim) instead of groups, or to limit the groups sent to Belastning.",
      inactive: () => "Contact your municipality's Belastning administrator if you need access again.",
      email_taken: () => "Ask the Belastning administrator to deactivate or rename the old account; you will be created at your next sign-in.",
      failed: () => "If it keeps happening, contact the municipality's IT department.",
      unavailable: () => "If it keeps happening, contact the municipality's IT department.",
    } satisfies Record<Reason, (p: string) => string>,
    back: "Back to the login page",
  },
};

export default function Refused() {
  const { reason, provider } = useLoaderData<typeof loader>();
  const t = useT(TEXTS);
  return (
    <div className="login-card">
      <h1>{t.title}</h1>
      <p role="alert">{t.reasons[reason](provider)}</p>
      <p>{t.ask[reason](provider)}</p>
      <p><Link to="/login">{t.back}</Link></p>
    </div>
  );
}
