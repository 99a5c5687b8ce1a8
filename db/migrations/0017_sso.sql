CREATE TABLE "oidc_logins" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"id_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saml_assertions_seen" (
	"assertion_id" text PRIMARY KEY NOT NULL,
	"issuer" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saml_pending_requests" (
	"request_id" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sso_mappings" (
	"id" serial PRIMARY KEY NOT NULL,
	"claim_value" text NOT NULL,
	"role" text NOT NULL,
	"unit_id" integer,
	"committee_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sso_mappings_key" UNIQUE NULLS NOT DISTINCT("claim_value","role","unit_id","committee_id"),
	CONSTRAINT "sso_mappings_role_valid" CHECK ("sso_mappings"."role" in ('admin','hr','director','med','manager')),
	CONSTRAINT "sso_mappings_claim_not_blank" CHECK (length(trim("sso_mappings"."claim_value")) > 0)
);
--> statement-breakpoint
ALTER TABLE "oidc_logins" ADD CONSTRAINT "oidc_logins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_mappings" ADD CONSTRAINT "sso_mappings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_mappings" ADD CONSTRAINT "sso_mappings_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oidc_logins_created_idx" ON "oidc_logins" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "saml_assertions_seen_expires_idx" ON "saml_assertions_seen" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sso_mappings_claim_idx" ON "sso_mappings" USING btree ("claim_value");