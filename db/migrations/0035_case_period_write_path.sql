-- The write path of a case-period import into a filled table (docs/decisions/0018). Every
-- secondary index of case_periods is upkeep for every imported row; keep those a query reads.
-- The date indexes of 0010 served the carry-forward sweep of the periods starting or ending in a
-- week, which the ledgers (0031, 0034) replaced: no query reads them now. The one other reader of
-- period_start alone, a full aggregation's first day (jobs/recompute/pipeline.ts earliestFact),
-- takes each unit's first period from case_periods_unit_idx instead.
DROP INDEX IF EXISTS "case_periods_start_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "case_periods_end_idx";
