-- The write path of a case-period import (docs/decisions/0017). The statement triggers of 0005/0006
-- (as revised by 0012/0013) check each statement's rows against every stored period: an import of
-- 1,000,000 rows in 20 batches ran them 20 times, and into a filled table they were most of the
-- write's cost. The importer now checks its rows set-based, once per file (the stage's checks, or
-- after a direct write one pass over the rows it wrote), and marks its transaction so the triggers
-- step aside; every other writer is checked by them as before.
CREATE OR REPLACE FUNCTION case_periods_refuse_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  clash text;
BEGIN
  -- The importer checks the rows it writes set-based, once per file (import/kinds/case-periods.ts).
  IF coalesce(current_setting('belastning.case_periods_checked', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
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
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_periods_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  -- The importer checks the rows it writes set-based, once per file (import/kinds/case-periods.ts).
  IF coalesce(current_setting('belastning.case_periods_checked', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  SELECT n.unit_id::text INTO missing FROM (SELECT DISTINCT unit_id FROM changed_periods) n
  WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = n.unit_id) LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "case_periods" violates foreign key constraint "case_periods_unit_id_units_id_fk"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'case_periods_unit_id_units_id_fk', TABLE = 'case_periods',
        DETAIL = format('Key (unit_id)=(%s) is not present in table "units".', missing);
  END IF;
  SELECT n.caseworker_id INTO missing FROM (SELECT DISTINCT caseworker_id FROM changed_periods) n
  WHERE n.caseworker_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM employees e WHERE e.id = n.caseworker_id) LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "case_periods" violates foreign key constraint "case_periods_caseworker_id_employees_id_fk"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'case_periods_caseworker_id_employees_id_fk', TABLE = 'case_periods',
        DETAIL = format('Key (caseworker_id)=(%s) is not present in table "employees".', missing);
  END IF;
  SELECT n.case_type INTO missing FROM (SELECT DISTINCT case_type FROM changed_periods) n
  WHERE NOT EXISTS (SELECT 1 FROM case_types t WHERE t.key = n.case_type) LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "case_periods" violates foreign key constraint "case_periods_case_type_case_types_key_fk"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'case_periods_case_type_case_types_key_fk', TABLE = 'case_periods',
        DETAIL = format('Key (case_type)=(%s) is not present in table "case_types".', missing);
  END IF;
  RETURN NULL;
END;
$$;
