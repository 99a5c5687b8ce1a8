ALTER TABLE "load_caseworker_week" DROP CONSTRAINT "load_caseworker_week_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "load_unit_week" DROP CONSTRAINT "load_unit_week_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "unit_week_status" DROP CONSTRAINT "unit_week_status_unit_id_units_id_fk";
--> statement-breakpoint
CREATE INDEX "case_periods_start_idx" ON "case_periods" USING btree ("period_start");--> statement-breakpoint
CREATE INDEX "case_periods_end_idx" ON "case_periods" USING btree ("period_end");