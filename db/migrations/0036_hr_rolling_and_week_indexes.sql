-- The 12-month turnover window per unit and month, written by the HR step (docs/decisions/0017):
-- status and the risk radar read a few months of it instead of summing hr_unit_month's history.
CREATE TABLE "hr_unit_rolling_12m" (
	"month" date NOT NULL,
	"unit_id" integer NOT NULL,
	"departures" integer NOT NULL,
	"manager_departures" integer NOT NULL,
	"headcount_days" bigint NOT NULL,
	"days" integer NOT NULL,
	CONSTRAINT "hr_unit_rolling_12m_month_unit_id_pk" PRIMARY KEY("month","unit_id")
);
--> statement-breakpoint
-- Filled once from the stored months (the HR step keeps it from now on; it may skip a run when no
-- employment changed, so it must not start empty). The rule is jobs/recompute/stages/hr/rolling.ts.
INSERT INTO "hr_unit_rolling_12m" ("month", "unit_id", "departures", "manager_departures", "headcount_days", "days")
SELECT g.month, g.unit_id,
  (sum(coalesce(h.departures, 0)) over m)::int,
  (sum(coalesce(h.manager_departures, 0)) over m)::int,
  (sum(coalesce(h.headcount_days, 0)) over m)::bigint,
  ((g.month + interval '1 month')::date - (g.month - interval '11 months')::date)
FROM (
  SELECT u.id AS unit_id, m::date AS month
  FROM units u
  CROSS JOIN generate_series((SELECT min(month) FROM hr_unit_month)::timestamp,
                             (SELECT max(month) FROM hr_unit_month)::timestamp, interval '1 month') m
) g
LEFT JOIN hr_unit_month h ON h.unit_id = g.unit_id AND h.month = g.month
WINDOW m AS (PARTITION BY g.unit_id ORDER BY g.month ROWS BETWEEN 11 PRECEDING AND CURRENT ROW);
--> statement-breakpoint
-- The HR step's first and last month (the rolling grid's bounds) and the weekly pipeline's
-- "months stored" probe: without it each is a scan of every unit's whole history.
CREATE INDEX "hr_unit_month_month_idx" ON "hr_unit_month" USING btree ("month");
--> statement-breakpoint
-- The carried-forward week reads the stored week before and deletes the weeks before the window:
-- without it both scan every holder-week.
CREATE INDEX "load_caseworker_week_week_idx" ON "load_caseworker_week" USING btree ("week_start");
