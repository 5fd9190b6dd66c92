# Checks recorded before the flag existed: one made farther from its station than
# CHECK_DISTANCE_LIMIT_M is flagged now, as it would be if sent today (issue 27: a check sent
# from 1,074 km away had counted as the station's planned visit).

from django.conf import settings
from django.db import migrations


def flag_far_checks(apps, schema_editor):
    Inspection = apps.get_model("inspections", "Inspection")
    Inspection.objects.filter(distance_m__gt=settings.CHECK_DISTANCE_LIMIT_M).update(
        position_review="far"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0012_photo_thumbnails_and_far_checks"),
    ]

    operations = [
        migrations.RunPython(flag_far_checks, migrations.RunPython.noop),
    ]
