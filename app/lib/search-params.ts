// Query strings of GET pages, checked by a zod schema. Call it after the guard: who asks comes
// first, so an anonymous visitor is sent to the login page whatever the query says.
import type { z } from "zod";
import { BAD_REQUEST, invariantResponse } from "./responses.server";

export function parseSearchParams<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(parsed.success, BAD_REQUEST, { status: 400 });
  return parsed.data;
}
