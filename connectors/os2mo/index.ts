// The OS2mo connection: settings, test, pull.
import { z } from "zod";
import { ROLES } from "../../db/schema";
import { env } from "../../env";
import type { Adapter } from "../adapter";
import { ConnectorError } from "../contract";
import { fetchToken, readAll, runQuery, type Os2moEndpoint } from "./client";
import { ENGAGEMENTS_QUERY, MANAGERS_QUERY, ORG_UNITS_QUERY, OS2MO_GRAPHQL_VERSION, PING_QUERY } from "./queries";
import { translateOs2mo } from "./translate";
import { mergeOs2mo, recordsOf, registeredSince, storedState } from "./incremental";
import { roleTable, unitKindTable } from "../tables";

export const os2moSettings = z.object({
  /** OS2mo's base URL; the connector adds /graphql/v29. */
  url: z.string().url(),
  /** Keycloak's token endpoint, e.g. https://keycloak.kommune.dk/auth/realms/mo/protocol/openid-connect/token */
  tokenUrl: z.string().url(),
  clientId: z.string().min(1),
  pageSize: z.number().int().min(1).max(1000).default(100),
  /** Job function user_key → role. */
  roles: roleTable.default({}),
  /** Role for a job function the table does not list; absent = such an engagement stops the sync. */
  defaultRole: z.enum(ROLES).optional(),
  /** Unit type user_key → unit kind. */
  unitKinds: unitKindTable.default({}),
});
export type Os2moSettings = z.infer<typeof os2moSettings>;

function endpoint(settings: Os2moSettings): Os2moEndpoint {
  const secret = env().OS2MO_CLIENT_SECRET;
  if (!secret) throw new ConnectorError("config", "OS2MO_CLIENT_SECRET is not set");
  return { url: settings.url, tokenUrl: settings.tokenUrl, clientId: settings.clientId, clientSecret: secret, pageSize: settings.pageSize };
}

export const os2moAdapter: Adapter<Os2moSettings> = {
  source: "os2mo",
  settings: os2moSettings,
  async test(settings) {
    const e = endpoint(settings);
    const token = await fetchToken(e);
    await runQuery(e, token, PING_QUERY, {});
    return `OS2mo answered GraphQL v${OS2MO_GRAPHQL_VERSION} with the token from ${new URL(settings.tokenUrl).host}`;
  },
  async pull({ settings, state, full }) {
    // OS2mo's history is its validities. The first sync and a full resync read every object; an
    // incremental sync asks only for objects registered (changed) since the last successful one
    // and merges them into the objects it kept (incremental.ts). The fingerprint of the translated
    // rows still tells the runner whether the organisation changed at all.
    const e = endpoint(settings);
    const previous = full ? null : storedState(state);
    const since = registeredSince(previous);
    const readAt = new Date().toISOString();
    const token = await fetchToken(e);
    const variables = { registeredSince: since };
    const orgUnits = await readAll(e, token, ORG_UNITS_QUERY, "org_units", variables);
    const engagements = await readAll(e, token, ENGAGEMENTS_QUERY, "engagements", variables);
    const managers = await readAll(e, token, MANAGERS_QUERY, "managers", variables);
    const next = mergeOs2mo(previous, { orgUnits, engagements, managers }, readAt);
    const read = { orgUnits: orgUnits.length, engagements: engagements.length, managers: managers.length };
    if (previous && read.orgUnits + read.engagements + read.managers === 0) {
      return { batch: null, state: next, notes: { incremental: 1, ...read } };
    }
    const translated = translateOs2mo(recordsOf(next), settings);
    return {
      batch: { units: translated.units, employments: translated.employments },
      state: next,
      notes: { ...translated.notes, incremental: previous ? 1 : 0, ...read },
    };
  },
};
