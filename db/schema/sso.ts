// Single sign-on: which identity-provider claims give which product role where, the SAML
// assertions already used (replay protection), the SAML requests awaiting an answer, and the
// ID tokens kept for RP-initiated logout.
import { sql } from "drizzle-orm";
import { pgTable, serial, text, integer, timestamp, check, index, unique } from "drizzle-orm/pg-core";
import { units } from "./org";
import { committees, users, USER_ROLES } from "./access";

/**
 * A claim value (an Entra ID app role or group id, a Keycloak role, a KOMBIT user-system role)
 * and the grant it gives. Scope: a unit subtree, a committee (MED) or the whole organisation;
 * the same rules as user_roles. Read at every login, so a change applies at the user's next login.
 */
export const ssoMappings = pgTable(
  "sso_mappings",
  {
    id: serial("id").primaryKey(),
    claimValue: text("claim_value").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    unitId: integer("unit_id").references(() => units.id, { onDelete: "cascade" }),
    committeeId: integer("committee_id").references(() => committees.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("sso_mappings_role_valid", sql`${t.role} in ('admin','hr','director','med','manager')`),
    check("sso_mappings_claim_not_blank", sql`length(trim(${t.claimValue})) > 0`),
    unique("sso_mappings_key").on(t.claimValue, t.role, t.unitId, t.committeeId).nullsNotDistinct(),
    index("sso_mappings_claim_idx").on(t.claimValue),
  ],
);

/** SAML assertion ids seen, kept until the assertion would have expired anyway. */
export const samlAssertionsSeen = pgTable(
  "saml_assertions_seen",
  {
    assertionId: text("assertion_id").primaryKey(),
    issuer: text("issuer").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("saml_assertions_seen_expires_idx").on(t.expiresAt)],
);

/** AuthnRequest ids sent and not yet answered (node-saml's InResponseTo check reads them here). */
export const samlPendingRequests = pgTable("saml_pending_requests", {
  requestId: text("request_id").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The ID token of an OIDC login, as the id_token_hint of RP-initiated logout. */
export const oidcLogins = pgTable(
  "oidc_logins",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    idToken: text("id_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("oidc_logins_created_idx").on(t.createdAt)],
);
