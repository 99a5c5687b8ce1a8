DROP INDEX "hr_events_unit_date_idx";--> statement-breakpoint
ALTER TABLE "hr_events" DROP CONSTRAINT "hr_events_unit_id_population_kind_employee_id_event_date_pk";--> statement-breakpoint
ALTER TABLE "hr_events" ADD CONSTRAINT "hr_events_unit_id_population_kind_event_date_employee_id_pk" PRIMARY KEY("unit_id","population","kind","event_date","employee_id");