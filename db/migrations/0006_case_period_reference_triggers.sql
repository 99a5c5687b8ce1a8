ALTER TABLE "case_periods" DROP CONSTRAINT "case_periods_unit_id_units_id_fk";
--> statement-breakpoint
ALTER TABLE "case_periods" DROP CONSTRAINT "case_periods_caseworker_id_employees_id_fk";
--> statement-breakpoint
ALTER TABLE "case_periods" DROP CONSTRAINT "case_periods_case_type_case_types_key_fk";
--> statement-breakpoint
-- The three foreign keys above became one set-based check per statement: a per-row RI trigger for
-- each of them was about 40 % of the time of a bulk case-periods import. The messages and SQLSTATE
-- are those of a foreign-key violation, so callers see the same error as before.
CREATE FUNCTION case_periods_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  SELECT n.unit_id::text INTO missing FROM changed_periods n
  WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = n.unit_id) LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "case_periods" violates foreign key constraint "case_periods_unit_id_units_id_fk"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'case_periods_unit_id_units_id_fk', TABLE = 'case_periods',
        DETAIL = format('Key (unit_id)=(%s) is not present in table "units".', missing);
  END IF;
  SELECT n.caseworker_id INTO missing FROM changed_periods n
  WHERE n.caseworker_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM employees e WHERE e.id = n.caseworker_id) LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "case_periods" violates foreign key constraint "case_periods_caseworker_id_employees_id_fk"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'case_periods_caseworker_id_employees_id_fk', TABLE = 'case_periods',
        DETAIL = format('Key (caseworker_id)=(%s) is not present in table "employees".', missing);
  END IF;
  SELECT n.case_type INTO missing FROM changed_periods n
  WHERE NOT EXISTS (SELECT 1 FROM case_types t WHERE t.key = n.case_type) LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "case_periods" violates foreign key constraint "case_periods_case_type_case_types_key_fk"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'case_periods_case_type_case_types_key_fk', TABLE = 'case_periods',
        DETAIL = format('Key (case_type)=(%s) is not present in table "case_types".', missing);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_periods_references_insert AFTER INSERT ON case_periods
  REFERENCING NEW TABLE AS changed_periods FOR EACH STATEMENT EXECUTE FUNCTION case_periods_check_references();
--> statement-breakpoint
CREATE TRIGGER case_periods_references_update AFTER UPDATE ON case_periods
  REFERENCING NEW TABLE AS changed_periods FOR EACH STATEMENT EXECUTE FUNCTION case_periods_check_references();
--> statement-breakpoint
-- The other side of "on delete restrict": a unit, employee or case type that case periods still
-- refer to may not disappear (by delete, or by a change of its key).
CREATE FUNCTION case_periods_restrict_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone text;
BEGIN
  IF TG_TABLE_NAME = 'units' THEN
    SELECT o.id::text INTO gone FROM old_rows o
    WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = o.id)
      AND EXISTS (SELECT 1 FROM case_periods c WHERE c.unit_id = o.id) LIMIT 1;
  ELSIF TG_TABLE_NAME = 'employees' THEN
    SELECT o.id INTO gone FROM old_rows o
    WHERE NOT EXISTS (SELECT 1 FROM employees e WHERE e.id = o.id)
      AND EXISTS (SELECT 1 FROM case_periods c WHERE c.caseworker_id = o.id) LIMIT 1;
  ELSE
    SELECT o.key INTO gone FROM old_rows o
    WHERE NOT EXISTS (SELECT 1 FROM case_types t WHERE t.key = o.key)
      AND EXISTS (SELECT 1 FROM case_periods c WHERE c.case_type = o.key) LIMIT 1;
  END IF;
  IF gone IS NOT NULL THEN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint on table "case_periods"', TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
        DETAIL = format('Key (%s) is still referenced from table "case_periods".', gone);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER units_restrict_case_periods_delete AFTER DELETE ON units
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_periods_restrict_referenced();
--> statement-breakpoint
CREATE TRIGGER units_restrict_case_periods_update AFTER UPDATE ON units
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_periods_restrict_referenced();
--> statement-breakpoint
CREATE TRIGGER employees_restrict_case_periods_delete AFTER DELETE ON employees
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_periods_restrict_referenced();
--> statement-breakpoint
CREATE TRIGGER employees_restrict_case_periods_update AFTER UPDATE ON employees
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_periods_restrict_referenced();
--> statement-breakpoint
CREATE TRIGGER case_types_restrict_case_periods_delete AFTER DELETE ON case_types
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_periods_restrict_referenced();
--> statement-breakpoint
CREATE TRIGGER case_types_restrict_case_periods_update AFTER UPDATE ON case_types
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION case_periods_restrict_referenced();
