"""The check form's "near me", nearest first from an index (PostgreSQL).

Each station that holds a plaque is a point of a plane whose longitudes are shrunk by the
cosine of the city's latitude (inspections/checks/selectors.py: PLANE_POINT, the same
expression); a GiST index on it gives a box's stations nearest first, so a position far
from any station reads a page of entries, not a band of the city's position index. SQLite
(the embedded mode) keeps sorting the box from migration 0018's index: nothing here runs.
The index may already exist where it was built by hand to measure it (the bench database).
"""

from __future__ import annotations

from django.db import migrations

INDEX = """
CREATE INDEX IF NOT EXISTS station_plaque_plane ON stations_station
USING gist (point(longitude::float8 * 0.855, latitude::float8))
WHERE status IN ('approved', 'active', 'rectifying')
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS station_plaque_plane")


class Migration(migrations.Migration):
    dependencies = [("stations", "0024_delete_recordchange")]

    operations = [migrations.RunPython(forwards, backwards)]
