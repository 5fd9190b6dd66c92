"""The single counter row that plaque numbering locks (see PlaqueSequence)."""

from __future__ import annotations

from django.db import migrations


def create(apps, schema_editor):
    apps.get_model("stations", "PlaqueSequence").objects.get_or_create(key="plaque")


class Migration(migrations.Migration):
    dependencies = [("stations", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
