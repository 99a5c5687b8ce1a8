-- The load ledger (docs/decisions/0017): per team and ISO week, the change of every load figure.
CREATE TABLE "load_ledger" (
	"unit_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"complexity_1" integer NOT NULL,
	"complexity_2" integer NOT NULL,
	"complexity_3" integer NOT NULL,
	"unassigned" integer NOT NULL,
	"flagged" integer NOT NULL,
	"mismatched" integer NOT NULL,
	"fte" bigint NOT NULL,
	"new_cases" integer NOT NULL,
	"closed_cases" integer NOT NULL,
	CONSTRAINT "load_ledger_week_start_unit_id_pk" PRIMARY KEY("week_start","unit_id")
);
--> statement-breakpoint
CREATE TABLE "ledger_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"dirty" boolean NOT NULL,
	"rebuilt_at" timestamp with time zone,
	CONSTRAINT "ledger_state_one_row" CHECK ("ledger_state"."id" = 1)
);
--> statement-breakpoint
-- Facts already stored have no ledger yet: the first aggregation builds it.
INSERT INTO "ledger_state" ("id", "dirty") VALUES (1, true);
--> statement-breakpoint
-- A statement writing a fact the ledger is derived from marks the ledger stale, unless its
-- transaction keeps the ledger itself (the importer sets belastning.ledger_kept = 'on' locally).
-- Statement triggers: an import of a million rows pays once per statement, not per row.
CREATE FUNCTION ledger_bypassed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('belastning.ledger_kept', true), '') <> 'on' THEN
    UPDATE ledger_state SET dirty = true WHERE id = 1 AND NOT dirty;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_bypassed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON case_periods
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_bypassed();
--> statement-breakpoint
CREATE TRIGGER ledger_bypassed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON employments
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_bypassed();
--> statement-breakpoint
CREATE TRIGGER ledger_bypassed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON competences
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_bypassed();
--> statement-breakpoint
CREATE TRIGGER ledger_bypassed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_closure
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_bypassed();
--> statement-breakpoint
-- Which case types are specialised (mismatched) and which roles hold cases (FTE); weights are not
-- in the ledger (counts per complexity), so organisation_settings is not watched.
CREATE TRIGGER ledger_bypassed AFTER INSERT OR UPDATE OF specialised OR DELETE OR TRUNCATE ON case_types
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_bypassed();
--> statement-breakpoint
CREATE TRIGGER ledger_bypassed AFTER INSERT OR UPDATE OF case_holding_roles OR DELETE OR TRUNCATE ON unit_settings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_bypassed();
--> statement-breakpoint
-- The HR rollups' inputs (employments and the unit tree): a counter every writing statement
-- raises, and the value an aggregation last folded in with nothing pending. The weekly pipeline
-- skips re-reading every employment when the two agree and the week's months are stored.
CREATE TABLE "hr_facts_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"folded_version" bigint,
	CONSTRAINT "hr_facts_state_one_row" CHECK ("hr_facts_state"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "hr_facts_state" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION hr_facts_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE hr_facts_state SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hr_facts_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON employments
  FOR EACH STATEMENT EXECUTE FUNCTION hr_facts_written();
--> statement-breakpoint
CREATE TRIGGER hr_facts_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_closure
  FOR EACH STATEMENT EXECUTE FUNCTION hr_facts_written();
