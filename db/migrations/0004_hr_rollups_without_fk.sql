ALTER TABLE "hr_events" DROP CONSTRAINT "hr_events_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "hr_events" DROP CONSTRAINT "hr_events_from_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "hr_headcount_steps" DROP CONSTRAINT "hr_headcount_steps_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "hr_unit_month" DROP CONSTRAINT "hr_unit_month_unit_id_units_id_fk";
