-- The overlap check of 0008 leaves the join of the touched cases to case_periods to the planner.
-- When the table grows inside one transaction (an import in batches of 50,000 rows) its statistics
-- still describe the table before, and the planner merge-joined through the whole case index for
-- every batch: the 20th batch of a 1,000,000-row import read 777,644 index entries to check 50,000
-- rows, so the check grew with the table, not with the statement. Walking each touched case
-- through the case index (a LATERAL join) costs the same per case at any table size: about 5 µs,
-- 90 ms per 50,000 rows. Same rule and error as before: a period overlaps another of its case
-- exactly when it starts on or before the end of the one before it.
CREATE OR REPLACE FUNCTION case_periods_refuse_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  clash text;
BEGIN
  SELECT n.case_id INTO clash
  FROM (SELECT DISTINCT case_id FROM changed_periods) n
  CROSS JOIN LATERAL (
    SELECT 1 FROM (
      SELECT c.period_start,
        lag(coalesce(c.period_end, 'infinity'::date)) OVER (ORDER BY c.period_start, c.id) AS previous_end
      FROM case_periods c
      WHERE c.case_id = n.case_id
    ) w
    WHERE w.previous_end >= w.period_start
    LIMIT 1
  ) overlap
  LIMIT 1;
  IF clash IS NOT NULL THEN
    RAISE EXCEPTION 'case_periods_no_overlap: periods of case % overlap', clash
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'case_periods_no_overlap', TABLE = 'case_periods';
  END IF;
  RETURN NULL;
END;
$$;
