"""The review queue read in waiting order from an index of the submitted stations.

The queue ordered by the time each station was sent for review, falling back to its filing's
submission for the rows that had none: a join to the filings and a sort of every submitted
station on every visit (2,000 at national size, 6 ms). Every submission stores its time
(services.lifecycle.station_submit) and 0023 filled the stations sent before the column
from their history; the submitted stations still without one (loaded without a history)
get their filing's submission, or their creation, here, so the queue's order is the
station's own expression, which the index below holds."""

import django.db.models.functions.comparison
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    Station = apps.get_model("stations", "Station")
    FilingForm = apps.get_model("stations", "FilingForm")
    submitted = FilingForm.objects.filter(pk=OuterRef("filing_id")).values("submitted_at")[:1]
    Station.objects.filter(status="submitted", sent_for_review_at__isnull=True).update(
        sent_for_review_at=Coalesce(Subquery(submitted), "created_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0033_first_day_labels"),
        ("unions", "0005_notices_to_the_aid_center"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="station",
            index=models.Index(
                django.db.models.functions.comparison.Coalesce("sent_for_review_at", "created_at"),
                models.F("filing_id"),
                models.F("row_number"),
                models.F("id"),
                condition=models.Q(("status", "submitted")),
                name="station_review_queue",
            ),
        ),
    ]
