// The OS2mo connection: settings, test, pull.
import { z } from "zod";
import { ROLES } from "../../db/schema";
import { env } from "../../env";
import type { Adapter } from "../adapter";
import { ConnectorError } from "../contract";
import { fetchToken, readAll, runQuery, type Os2moEndpoint } from "./client";
import { ENGAGEMENTS_QUERY, MANAGERS_QUERY, ORG_UNITS_QUERY, OS2MO_GRAPHQL_VERSION, PING_QUERY } from "./queries";
import { translateOs2mo } from "./translate";
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
  async pull({ settings }) {
    // OS2mo's history is its validities: every sync reads them all, and the fingerprint of the
    // translated rows tells the runner whether anything changed since the last successful sync.
    const e = endpoint(settings);
    const token = await fetchToken(e);
    const orgUnits = await readAll(e, token, ORG_UNITS_QUERY, "org_units");
    const engagements = await readAll(e, token, ENGAGEMENTS_QUERY, "engagements");
    const managers = await readAll(e, token, MANAGERS_QUERY, "managers");
    const translated = translateOs2mo({ orgUnits, engagements, managers }, settings);
    return {
      batch: { units: translated.units, employments: translated.employments },
      state: null,
      notes: { ...translated.notes, orgUnits: orgUnits.length, engagements: engagements.length, managers: managers.length },
    };
  },
};
