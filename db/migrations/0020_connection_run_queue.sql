-- A sync asked for from the admin page is queued as a job: its connection_runs row exists from the
-- request on, "queued" until a worker takes it and "running" until it ends.
ALTER TABLE "connection_runs" DROP CONSTRAINT "connection_runs_outcome_valid";--> statement-breakpoint
ALTER TABLE "connection_runs" ADD CONSTRAINT "connection_runs_outcome_valid" CHECK ("connection_runs"."outcome" in ('accepted','unchanged','failed','queued','running'));
