-- GIN indexes that let PostgreSQL serve FerretDB v1's pushed-down equalities (docs/decisions/0006).
--
-- FerretDB v1 on PostgreSQL pushes an equality `{ field: value }` down as `_jsonb -> 'field' @> 'value'`
-- and builds each declared index as a btree on `(_jsonb -> 'field')`, which cannot serve `@>`: every
-- lookup, `_id` included, was a sequential scan of the collection's table. For each collection FerretDB
-- knows (its `_ferretdb_database_metadata` in every schema) and each top-level field of its indexes
-- (`_id` included; FerretDB keeps no key order there, so every field of a compound key), this makes a GIN
-- index on that expression (jsonb_path_ops: containment only), which the
-- planner uses for that filter. Run with psql (`-f`), outside a transaction: \gexec runs each statement on
-- its own, so the builds are CONCURRENTLY (no lock on writers). Safe to run again: IF NOT EXISTS.
CREATE FUNCTION pg_temp.vidnova_gin_statements() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  s record;
  c record;
BEGIN
  FOR s IN SELECT table_schema FROM information_schema.tables WHERE table_name = '_ferretdb_database_metadata' LOOP
    FOR c IN EXECUTE format(
      $q$SELECT DISTINCT m._jsonb ->> 'table' AS tbl, k.field
           FROM %I._ferretdb_database_metadata m,
                jsonb_array_elements(m._jsonb -> 'indexes') ix,
                jsonb_object_keys(ix -> 'key') AS k(field)
          WHERE k.field NOT LIKE '%%.%%' AND k.field NOT LIKE '$%%'$q$,
      s.table_schema)
    LOOP
      -- Only tables that exist now (a collection dropped meanwhile is skipped).
      IF to_regclass(format('%I.%I', s.table_schema, c.tbl)) IS NULL THEN CONTINUE; END IF;
      RETURN NEXT format('CREATE INDEX CONCURRENTLY IF NOT EXISTS %I ON %I.%I USING gin ((_jsonb -> %L) jsonb_path_ops)',
        left(c.tbl, 40) || '_' || left(md5(c.field), 8) || '_vgin', s.table_schema, c.tbl, c.field);
    END LOOP;
  END LOOP;
END
$$;
SELECT stmt FROM pg_temp.vidnova_gin_statements() AS stmt \gexec
