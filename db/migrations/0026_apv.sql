CREATE TABLE "apv_problems" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"problem" text NOT NULL,
	"measure" text NOT NULL,
	"responsible" text NOT NULL,
	"deadline" date NOT NULL,
	"follow_up_on" date,
	"follow_up_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "apv_problems_follow_up" CHECK (("apv_problems"."follow_up_on" is null) = ("apv_problems"."follow_up_note" is null))
);
--> statement-breakpoint
CREATE TABLE "apv_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"round_date" date NOT NULL,
	"method" text NOT NULL,
	"method_note" text,
	"sickness_absence_note" text NOT NULL,
	"plan_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "apv_rounds_method_valid" CHECK ("apv_rounds"."method" in ('questionnaire','dialogue_meeting','interviews','observation','other'))
);
--> statement-breakpoint
ALTER TABLE "apv_problems" ADD CONSTRAINT "apv_problems_round_id_apv_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."apv_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apv_rounds" ADD CONSTRAINT "apv_rounds_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apv_rounds" ADD CONSTRAINT "apv_rounds_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apv_rounds" ADD CONSTRAINT "apv_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "apv_problems_round_idx" ON "apv_problems" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "apv_rounds_unit_idx" ON "apv_rounds" USING btree ("unit_id","round_date");