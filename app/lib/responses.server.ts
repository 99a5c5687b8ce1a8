// Thrown HTTP answers of loaders and actions (Epic Stack's invariantResponse). A page route shows
// them through its ErrorBoundary by status; a resource route hands the body to the browser as it
// is — so each body is one plain-text Danish sentence and never an internal detail.
const PLAIN = { "Content-Type": "text/plain; charset=utf-8" };

export const NOT_FOUND = "Siden findes ikke.";
export const BAD_REQUEST = "Ugyldig forespørgsel.";

/** A plain-text response with a Danish body. */
export function textResponse(body: string, status: number, init: ResponseInit = {}): Response {
  return new Response(body, { ...init, status, headers: { ...PLAIN, ...(init.headers as Record<string, string> | undefined) } });
}

/** 404: the thing asked for does not exist (or the asker may not learn that it does). */
export function notFound(message: string = NOT_FOUND): Response {
  return textResponse(message, 404);
}

/** 400: the request's form or query does not hold. */
export function badRequest(message: string = BAD_REQUEST): Response {
  return textResponse(message, 400);
}

/**
 * Throws a plain-text response unless the condition holds; narrows the condition for the code
 * after it. The status defaults to 400 (bad input), as in Epic Stack.
 */
export function invariantResponse(condition: unknown, message: string = BAD_REQUEST, init: ResponseInit = { status: 400 }): asserts condition {
  if (!condition) throw textResponse(message, init.status ?? 400, init);
}
