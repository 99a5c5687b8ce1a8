CREATE TABLE "name_reads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"kind" text NOT NULL,
	"unit_id" integer,
	"subjects" integer NOT NULL,
	CONSTRAINT "name_reads_kind_valid" CHECK ("name_reads"."kind" in ('caseworker_load','departure_names','person_export'))
);
--> statement-breakpoint
CREATE TABLE "pseudonymisations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"token" text NOT NULL,
	"id_digest" text NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"actor_user_id" integer,
	"changed_rows" integer NOT NULL,
	CONSTRAINT "pseudonymisations_token_unique" UNIQUE("token"),
	CONSTRAINT "pseudonymisations_id_digest_unique" UNIQUE("id_digest"),
	CONSTRAINT "pseudonymisations_reason_valid" CHECK ("pseudonymisations"."reason" in ('retention','erasure_request'))
);
--> statement-breakpoint
ALTER TABLE "name_reads" ADD CONSTRAINT "name_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "name_reads" ADD CONSTRAINT "name_reads_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "pseudonymisations" ADD CONSTRAINT "pseudonymisations_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "name_reads_at_idx" ON "name_reads" USING btree ("at");
--> statement-breakpoint
CREATE INDEX "name_reads_user_idx" ON "name_reads" USING btree ("user_id","at");
--> statement-breakpoint
-- The audit trail stays append-only, except that pseudonymisation (GDPR) may rewrite the personal
-- data inside an entry: only an UPDATE, only in a transaction that set app.gdpr_pseudonymise, and
-- never the entry's time, actor or action.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND coalesce(current_setting('app.gdpr_pseudonymise', true), '') = 'on'
     AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
     AND NEW.entity = OLD.entity AND NEW.user_id IS NOT DISTINCT FROM OLD.user_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
