import { createCookie } from "@remix-run/node";
import type { Lang } from "./i18n";

export const langCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** Cookie first, then the user's setting, then Danish. */
export async function getLang(request: Request, userLanguage?: Lang | null): Promise<Lang> {
  const fromCookie = await langCookie.parse(request.headers.get("Cookie"));
  if (fromCookie === "da" || fromCookie === "en") return fromCookie;
  return userLanguage ?? "da";
}
