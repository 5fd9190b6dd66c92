"""The public directory's text search through an index, without the station head (PostgreSQL).

The registry's character pairs (migration 0011) include the head's name, which a public
search must never match, and the plaque number, whose "sh" would make a two-letter term match
every station. These pairs are of what the directory searches as text — name, address and
district — so a two-character term (most Chinese road and place names) is answered by the
index alone, exactly; PostgreSQL's statistics on the array estimate how many stations a term
matches, so for a common term it walks the directory's order index and stops at the page.
Partial, as the directory lists public stations only. SQLite keeps the plain scan.
"""

from __future__ import annotations

from django.db import migrations

COLUMN = """
ALTER TABLE stations_station ADD COLUMN public_bigrams text[] GENERATED ALWAYS AS (
    relay_bigrams(lower(name || chr(31) || address || chr(31) || district))
) STORED
"""
INDEX = """
CREATE INDEX station_public_bigrams ON stations_station USING gin (public_bigrams)
WHERE status IN ('active', 'rectifying')
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in (COLUMN, INDEX):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE stations_station DROP COLUMN IF EXISTS public_bigrams")


class Migration(migrations.Migration):
    dependencies = [("stations", "0013_directory_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
