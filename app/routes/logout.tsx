import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/lib/auth.server";
import { ssoLogout } from "~/lib/sso/logout.server";

export async function action({ request }: ActionFunctionArgs) {
  // The product's session always ends; after an OIDC login the provider's session too.
  return ssoLogout(request, await logout(request));
}

export async function loader() {
  throw redirect("/");
}
