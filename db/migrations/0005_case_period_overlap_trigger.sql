-- Case periods: the no-overlap rule moves from a btree_gist exclusion constraint to one set-based
-- check per statement. The GiST index on (text, daterange) took about 55 s per 200,000 inserted
-- rows on the 2-core machine (a case-periods import of 1,000,000 rows could not finish in minutes);
-- the check below joins the inserted rows against the btree index on (case_id, period_start).
-- The importer serialises imports of one kind with an advisory lock, which stands in for the
-- exclusion constraint's protection against two concurrent writers.
ALTER TABLE "case_periods" DROP CONSTRAINT IF EXISTS "case_periods_no_overlap";
--> statement-breakpoint
CREATE FUNCTION case_periods_refuse_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  clash text;
BEGIN
  SELECT n.case_id INTO clash
  FROM changed_periods n
  JOIN case_periods c ON c.case_id = n.case_id AND c.id <> n.id
    AND daterange(c.period_start, c.period_end, '[]') && daterange(n.period_start, n.period_end, '[]')
  LIMIT 1;
  IF clash IS NOT NULL THEN
    RAISE EXCEPTION 'case_periods_no_overlap: periods of case % overlap', clash
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'case_periods_no_overlap', TABLE = 'case_periods';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_periods_no_overlap_insert AFTER INSERT ON case_periods
  REFERENCING NEW TABLE AS changed_periods FOR EACH STATEMENT EXECUTE FUNCTION case_periods_refuse_overlap();
--> statement-breakpoint
CREATE TRIGGER case_periods_no_overlap_update AFTER UPDATE ON case_periods
  REFERENCING NEW TABLE AS changed_periods FOR EACH STATEMENT EXECUTE FUNCTION case_periods_refuse_overlap();
