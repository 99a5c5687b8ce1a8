// What a command prints on stderr when it fails for a reason outside the user's arguments: the
// cause, not the query. A database error arrives wrapped by drizzle as "Failed query: <the whole
// SQL> params: …", with the useful part (connect ECONNREFUSED 127.0.0.1:5432, a constraint's
// message) in its cause.
import { maskCpr } from "../import/cpr";

export function readableError(error: unknown): string {
  return maskCpr(readable(error));
}

function readable(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : null;
  if (cause && error.message.startsWith("Failed query")) return readable(cause);
  // Node's connection errors can be AggregateErrors (IPv4 and IPv6 refused) with an empty message.
  if (!error.message && error instanceof AggregateError) return error.errors.map(readable).join("; ");
  return error.message;
}
