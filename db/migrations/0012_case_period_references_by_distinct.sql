-- The reference check of 0006 probed units, employees and case types once per inserted row: with
-- LIMIT 1 the planner chose a nested-loop anti-join, about 5.8 s of a 1,000,000-row insert. The
-- inserted rows hold a few hundred distinct units, caseworkers and types; looking those up is one
-- hashed pass per column (about 0.6 s in all). Same errors, SQLSTATE and order of checks as before.
CREATE OR REPLACE FUNCTION case_periods_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
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
