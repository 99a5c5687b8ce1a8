-- Rules drizzle-kit cannot express: no overlapping periods, no cycles in the unit tree,
-- and an audit trail nobody can rewrite.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_no_overlap"
  EXCLUDE USING gist ("employee_id" WITH =, "unit_id" WITH =, daterange("start_date", "end_date", '[]') WITH &&);
--> statement-breakpoint
ALTER TABLE "case_periods" ADD CONSTRAINT "case_periods_no_overlap"
  EXCLUDE USING gist ("case_id" WITH =, daterange("period_start", "period_end", '[]') WITH &&);
--> statement-breakpoint
CREATE INDEX "case_periods_range_idx" ON "case_periods" USING gist ("unit_id", daterange("period_start", "period_end", '[]'));
--> statement-breakpoint
CREATE FUNCTION units_refuse_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cursor_id integer := NEW.parent_id;
  steps integer := 0;
BEGIN
  WHILE cursor_id IS NOT NULL LOOP
    IF cursor_id = NEW.id THEN
      RAISE EXCEPTION 'unit % would be its own ancestor', NEW.code USING ERRCODE = 'check_violation';
    END IF;
    SELECT parent_id INTO cursor_id FROM units WHERE id = cursor_id;
    steps := steps + 1;
    IF steps > 1000 THEN
      RAISE EXCEPTION 'unit tree deeper than 1000 levels at %', NEW.code USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER units_no_cycle BEFORE INSERT OR UPDATE OF parent_id ON units
  FOR EACH ROW EXECUTE FUNCTION units_refuse_cycle();
--> statement-breakpoint
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
