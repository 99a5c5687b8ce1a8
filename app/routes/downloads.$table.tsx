// Downloads of the pages' tables as CSV or XLSX: /downloads/teams, /heatmap, /load, /plans and
// /departures, each with its page's query string. The checks and the presenter are the page's
// (app/lib/downloads.server.ts); the file is written by the one export writer.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/lib/db.server";
import { pageDownload } from "~/lib/downloads.server";
import { downloadResponse } from "~/lib/exports.server";

export async function loader(args: LoaderFunctionArgs) {
  const { table, format, basename } = await pageDownload(getDb(), args, args.request, args.params.table ?? "");
  return downloadResponse(table, format, basename);
}
