"""The registry search's host units found through an index (PostgreSQL).

A registry search also finds the stations of host units whose name holds the term
(stations/selectors.py: registry_search); it read all host units' names for that, 20,000 at
national size: 3-5 ms for a Chinese term, 10 ms for a Latin one, upper-casing each name. The
same character pairs as the stations' (migration 0011, whose relay_bigrams this index
uses, which is why it lives here beside it rather than in the unions app) find them through
a GIN index on the name's pairs. SQLite keeps the plain scan: nothing here runs.
"""

from __future__ import annotations

from django.db import migrations

INDEX = """
CREATE INDEX hostunit_name_bigrams ON unions_hostunit USING gin (relay_bigrams(lower(name)))
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS hostunit_name_bigrams")


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0015_feedback_list_indexes"),
        ("unions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
