-- The data version of the cached pages (db/queries/page-cache.ts): one number that grows by one
-- with every committed transaction that wrote a table the cached pages read. A server keeps a
-- page only under the version it read, so a hit costs one one-row lookup and a write is seen on
-- the next request.
--
-- The number is raised at COMMIT, not at the write: the aggregation and the importer hold one
-- transaction for minutes, and a row lock taken at their first write would queue every plan edit
-- behind them. Each writing statement records its transaction in page_data_writes (statement
-- triggers: an import of millions of rows pays once per statement, not per row); a deferred
-- constraint trigger on that table raises the version when the transaction commits, in the same
-- commit, so a reader that sees the new number also sees the new rows.
CREATE TABLE "page_data_version" (
	"id" smallint PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "page_data_version_one_row" CHECK ("id" = 1)
);
--> statement-breakpoint
INSERT INTO "page_data_version" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
CREATE TABLE "page_data_writes" (
	"xid" xid8 PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION page_data_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO page_data_writes (xid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION page_data_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE page_data_version SET version = version + 1 WHERE id = 1;
  DELETE FROM page_data_writes WHERE xid = NEW.xid;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER page_data_commit AFTER INSERT ON page_data_writes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION page_data_commit();
--> statement-breakpoint
-- users: only the name is shown (an action item's owner); last_login_at changes at every sign-in.
CREATE TRIGGER page_data_written AFTER INSERT OR UPDATE OF display_name OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION page_data_written();
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'units', 'unit_closure', 'unit_settings', 'organisation_settings', 'employees',
    'load_unit_week', 'unit_week_status', 'load_caseworker_week', 'hr_events', 'hr_unit_month',
    'survey_rounds', 'wellbeing_dimensions', 'wellbeing_unit_round',
    'action_plans', 'focus_points', 'action_items'
  ] LOOP
    EXECUTE format('CREATE TRIGGER page_data_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION page_data_written()', t);
  END LOOP;
END;
$$;
