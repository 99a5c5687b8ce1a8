// The tilgaengelighed route's server half: contact and review date come from the environment.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "../../env";

export async function loader({ request }: LoaderFunctionArgs) {
  const { ACCESSIBILITY_CONTACT_EMAIL, ACCESSIBILITY_STATEMENT_DATE } = env();
  return { contact: ACCESSIBILITY_CONTACT_EMAIL, reviewed: ACCESSIBILITY_STATEMENT_DATE, site: new URL(request.url).origin };
}
