// The search for one person on the GDPR pages: an employee id or an e-mail address.
import { z } from "zod";

export const PersonQuery = z.object({
  employeeId: z.string().trim().max(100).optional().transform((v) => v || undefined),
  email: z.string().trim().max(320).optional().transform((v) => v || undefined),
});

export function parsePersonQuery(params: URLSearchParams) {
  return PersonQuery.safeParse({ employeeId: params.get("employeeId") ?? undefined, email: params.get("email") ?? undefined });
}
