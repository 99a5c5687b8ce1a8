// The auth.saml.login route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { safeRedirect } from "~/lib/auth.server";
import { getOptionalPrincipal } from "~/lib/guard.server";
import { samlConfig } from "~/lib/sso/config.server";
import { samlClient } from "~/lib/sso/saml.server";
import { invariantResponse } from "~/lib/responses.server";

const Query = z.object({ redirectTo: z.string().max(500).optional() });

export async function loader(args: LoaderFunctionArgs) {
  const config = samlConfig();
  invariantResponse(config, "SAML er ikke sat op.", { status: 404 });
  const query = Query.safeParse(Object.fromEntries(new URL(args.request.url).searchParams));
  const redirectTo = safeRedirect(query.success ? query.data.redirectTo : undefined);
  if (await getOptionalPrincipal(args)) throw redirect(redirectTo);
  // RelayState carries only a same-site path, checked again when it comes back.
  const url = await samlClient(getDb(), config).getAuthorizeUrlAsync(redirectTo, undefined, {});
  return redirect(url);
}
