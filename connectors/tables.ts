// The administrator's tables that turn a source's codes into ours: job functions / positions /
// professions → roles, end-reason codes → end reasons, unit types → unit kinds. Pure.
import { z } from "zod";
import { END_REASONS, ROLES, UNIT_KINDS, type EmploymentRole, type EndReason } from "../db/schema";
import { ConnectorError } from "./contract";

export const roleTable = z.record(z.string(), z.enum(ROLES));
export const endReasonTable = z.record(z.string(), z.enum(END_REASONS));
export const unitKindTable = z.record(z.string(), z.enum(UNIT_KINDS));

export type RoleTable = z.infer<typeof roleTable>;
export type EndReasonTable = z.infer<typeof endReasonTable>;
export type UnitKindTable = z.infer<typeof unitKindTable>;

/** Matching is on the trimmed, lower-cased code, so "Socialrådgiver" and "socialrådgiver " are one. */
const norm = (code: string) => code.trim().toLowerCase();

function lookup<T>(table: Record<string, T>, code: string): T | undefined {
  const wanted = norm(code);
  for (const key in table) if (norm(key) === wanted) return table[key];
  return undefined;
}

/** A job function without a row in the table is a bad record unless a default role is set. */
export function mapRole(table: RoleTable, fallback: EmploymentRole | undefined, code: string | null, recordId: string): EmploymentRole {
  const found = code === null ? undefined : lookup(table, code);
  if (found) return found;
  if (fallback) return fallback;
  throw new ConnectorError("record", `job function "${code ?? ""}" has no role in the connection's role table`, recordId);
}

/** A code the table does not know, or no code at all, is `unknown`: never counted as voluntary. */
export function mapEndReason(table: EndReasonTable, code: string | null): EndReason {
  if (code === null || code.trim() === "") return "unknown";
  return lookup(table, code) ?? "unknown";
}

export function mapUnitKind(table: UnitKindTable, code: string | null, fallback: (typeof UNIT_KINDS)[number]): (typeof UNIT_KINDS)[number] {
  return (code === null ? undefined : lookup(table, code)) ?? fallback;
}
