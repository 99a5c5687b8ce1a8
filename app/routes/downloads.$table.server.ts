// The downloads.$table route's server half: its loader, importing db/ and the domain directly.
// Being *.server.ts keeps postgres.js out of the browser bundle (the route file only imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { pageDownload } from "~/lib/downloads.server";
import { downloadResponse } from "~/lib/exports.server";

export async function loader(args: LoaderFunctionArgs) {
  const { table, format, basename } = await pageDownload(getDb(), args, args.request, args.params.table ?? "");
  return downloadResponse(table, format, basename);
}
