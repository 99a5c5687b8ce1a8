-- The subtree ledger (docs/decisions/0017): the team ledger summed over each unit's subtree.
CREATE TABLE "load_subtree_ledger" (
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
	CONSTRAINT "load_subtree_ledger_week_start_unit_id_pk" PRIMARY KEY("week_start","unit_id")
);
--> statement-breakpoint
-- The holders' ledger (docs/decisions/0017): per team, case holder and week, the change of the
-- holder's figures, kept from ledger_state.holder_horizon on. Built by the first aggregation.
CREATE TABLE "load_holder_ledger" (
	"week_start" date NOT NULL,
	"unit_id" integer NOT NULL,
	"employee_id" text NOT NULL,
	"complexity_1" integer NOT NULL,
	"complexity_2" integer NOT NULL,
	"complexity_3" integer NOT NULL,
	"flagged" integer NOT NULL,
	"specialised" integer NOT NULL,
	"mismatched" integer NOT NULL,
	CONSTRAINT "load_holder_ledger_week_start_unit_id_employee_id_pk" PRIMARY KEY("week_start","unit_id","employee_id")
);
--> statement-breakpoint
ALTER TABLE "ledger_state" ADD COLUMN "holder_horizon" date;
--> statement-breakpoint
UPDATE "ledger_state" SET "dirty" = true WHERE "id" = 1;
