// OS2mo's incremental sync, pure: which registration time to ask from, and how the objects read
// since then merge into the objects kept from the last successful sync.
// - Each query asks for every validity of each object (from_date/to_date null), so an object OS2mo
//   returns is the whole object as it is now: it replaces the stored one by uuid.
// - An incremental sync asks only for objects with a registration (a change in OS2mo's bitemporal
//   store) from `readAt` of the last successful sync, less an overlap for clock skew between us and
//   OS2mo; reading an object twice is harmless because the merge replaces by uuid.
// - A full resync (or the first sync, or a state from before incremental syncs) reads everything
//   and starts the stored objects afresh, so an object deleted outright in OS2mo goes away there.
import { z } from "zod";
import { ConnectorError } from "../contract";
import type { Os2moRecords } from "./translate";

/** Minutes read again before the last successful sync's start, for clock skew between us and OS2mo. */
export const REGISTRATION_OVERLAP_MINUTES = 10;

const objects = z.record(z.string(), z.unknown());
export const os2moState = z.object({
  /** When the last successful sync began reading (ISO 8601, our clock). */
  readAt: z.string().datetime({ offset: true }),
  orgUnits: objects,
  engagements: objects,
  managers: objects,
});
export type Os2moState = z.infer<typeof os2moState>;

/** The stored state, or null when there is none usable (first sync, full resync, an older state). */
export function storedState(state: unknown): Os2moState | null {
  const parsed = os2moState.safeParse(state);
  return parsed.success ? parsed.data : null;
}

/** The registration time an incremental sync asks from; null = read everything. */
export function registeredSince(previous: Os2moState | null): string | null {
  if (!previous) return null;
  return new Date(Date.parse(previous.readAt) - REGISTRATION_OVERLAP_MINUTES * 60_000).toISOString();
}

function byUuid(items: unknown[], what: string, into: Record<string, unknown>): Record<string, unknown> {
  for (const item of items) {
    const uuid = (item as { uuid?: unknown } | null)?.uuid;
    if (typeof uuid !== "string") throw new ConnectorError("record", `${what} has no uuid`);
    into[uuid] = item;
  }
  return into;
}

/** The objects after this read: the stored ones (none for a full read) with the read ones replacing theirs. */
export function mergeOs2mo(previous: Os2moState | null, read: Os2moRecords, readAt: string): Os2moState {
  return {
    readAt,
    orgUnits: byUuid(read.orgUnits, "an org unit", { ...(previous?.orgUnits ?? {}) }),
    engagements: byUuid(read.engagements, "an engagement", { ...(previous?.engagements ?? {}) }),
    managers: byUuid(read.managers, "a manager", { ...(previous?.managers ?? {}) }),
  };
}

export function recordsOf(state: Os2moState): Os2moRecords {
  return { orgUnits: Object.values(state.orgUnits), engagements: Object.values(state.engagements), managers: Object.values(state.managers) };
}
