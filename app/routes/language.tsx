import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { safeRedirect, readFormData } from "~/lib/auth.server";
import { langCookie } from "~/lib/lang.server";

const LanguageForm = z.object({ lang: z.enum(["da", "en"]), redirectTo: z.string().max(500).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageForm.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  return redirect(safeRedirect(parsed.data.redirectTo, "/", request), {
    headers: { "Set-Cookie": await langCookie.serialize(parsed.data.lang) },
  });
}

export async function loader() {
  throw redirect("/");
}
