-- The team page's manager parts read employments (each holder's FTE), case_periods, competences and
-- case_types (the mismatched cases by id): their writes must move the page data version too, or a
-- cached page would keep listing cases an import has just changed. Statement-level, like 0011.
-- CREATE OR REPLACE: another migration may add the same trigger to one of these tables.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['employments', 'case_periods', 'competences', 'case_types'] LOOP
    EXECUTE format('CREATE OR REPLACE TRIGGER page_data_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION page_data_written()', t);
  END LOOP;
END;
$$;
