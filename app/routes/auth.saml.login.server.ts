// The auth.saml.login route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { getDb } from "../../db/client";
import { samlConfig } from "~/lib/sso/config.server";
import { samlClient } from "~/lib/sso/saml.server";
import { loginTarget } from "~/lib/sso/login.server";
import { invariantResponse } from "~/lib/responses.server";

export async function loader(args: LoaderFunctionArgs) {
  const config = samlConfig();
  invariantResponse(config, "SAML er ikke sat op.", { status: 404 });
  const redirectTo = await loginTarget(args);
  // RelayState carries only a same-site path, checked again when it comes back.
  const url = await samlClient(getDb(), config).getAuthorizeUrlAsync(redirectTo, undefined, {});
  return redirect(url);
}
