"""Registry search without a table scan, for two-character Chinese terms too (PostgreSQL).

pg_trgm's trigram indexes need three characters of the term; Chinese place and unit names
are searched by two (漕溪, 张江). Each station keeps the set of its text's character pairs
in a generated column with a GIN index; a term's pairs, all contained in that set, find the
candidate rows through the index, and the usual case-insensitive containment checks them
(stations/selectors.py). SQLite (the embedded mode) keeps the plain scan: nothing here runs.
"""

from __future__ import annotations

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION relay_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}')
    FROM generate_series(1, greatest(char_length(t) - 1, 0)) AS i
$$
"""
COLUMN = """
ALTER TABLE stations_station ADD COLUMN search_bigrams text[] GENERATED ALWAYS AS (
    relay_bigrams(lower(name || chr(31) || address || chr(31) || plaque_number
                        || chr(31) || head_name))
) STORED
"""
INDEX = "CREATE INDEX station_search_bigrams ON stations_station USING gin (search_bigrams)"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (FUNCTION, COLUMN, INDEX):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE stations_station DROP COLUMN IF EXISTS search_bigrams")
    schema_editor.execute("DROP FUNCTION IF EXISTS relay_bigrams(text)")


class Migration(migrations.Migration):
    dependencies = [("stations", "0010_bench_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
