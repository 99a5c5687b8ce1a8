CREATE TABLE "risk_radar_runs" (
	"as_of_week" date PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The weeks already computed: every week with a stored signal was a run.
INSERT INTO "risk_radar_runs" ("as_of_week") SELECT DISTINCT "as_of_week" FROM "risk_signals";
