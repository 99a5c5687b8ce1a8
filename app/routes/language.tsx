import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { safeRedirect, readFormData } from "~/lib/auth.server";
import { langCookie } from "~/lib/lang.server";
import { BAD_REQUEST, invariantResponse } from "~/lib/responses.server";

const LanguageForm = z.object({ lang: z.enum(["da", "en"]), redirectTo: z.string().max(500).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageForm.safeParse(Object.fromEntries(await readFormData(request)));
  invariantResponse(parsed.success, BAD_REQUEST, { status: 400 });
  return redirect(safeRedirect(parsed.data.redirectTo, "/", request), {
    headers: { "Set-Cookie": await langCookie.serialize(parsed.data.lang) },
  });
}

export async function loader() {
  throw redirect("/");
}
