-- No query reads this GiST index any more: the overlap check works by a window over the touched
-- cases (0008) and the weekly caseload is a set-based scan. Keeping it cost about a quarter of
-- the case-period import time.
DROP INDEX IF EXISTS "case_periods_range_idx";
