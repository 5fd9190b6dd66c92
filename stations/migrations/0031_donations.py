# 爱心互献 (issue 23, item 4): donors' offers, stations' needs and the matches between them.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stations", "0030_training"),
        ("unions", "0005_notices_to_the_aid_center"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DonationOffer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("donor_name", models.CharField(max_length=100, verbose_name="donor")),
                (
                    "donor_kind",
                    models.CharField(
                        choices=[
                            ("host_unit", "Host unit (创设单位)"),
                            ("company", "Company"),
                            ("other", "Other donor"),
                        ],
                        default="company",
                        max_length=10,
                        verbose_name="kind of donor",
                    ),
                ),
                (
                    "citywide",
                    models.BooleanField(
                        default=False, verbose_name="delivers anywhere in the city"
                    ),
                ),
                ("contact_name", models.CharField(max_length=50, verbose_name="contact person")),
                ("contact_phone", models.CharField(max_length=30, verbose_name="contact phone")),
                (
                    "thank_publicly",
                    models.BooleanField(default=False, verbose_name="agrees to be thanked by name"),
                ),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded")),
                (
                    "by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "campaign",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="donation_offers",
                        to="stations.campaign",
                        verbose_name="given for the campaign",
                    ),
                ),
                (
                    "union",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="unions.union",
                        verbose_name="recorded by union",
                    ),
                ),
            ],
            options={
                "verbose_name": "donation offer",
                "ordering": ["-id"],
            },
        ),
        migrations.CreateModel(
            name="DonationOfferArea",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("district", models.CharField(max_length=20, verbose_name="district")),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="areas",
                        to="stations.donationoffer",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="DonationOfferLine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=50, verbose_name="goods")),
                ("unit", models.CharField(max_length=10, verbose_name="unit")),
                ("quantity", models.PositiveIntegerField(verbose_name="quantity offered")),
                ("matched", models.PositiveIntegerField(default=0, verbose_name="matched")),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lines",
                        to="stations.donationoffer",
                    ),
                ),
            ],
            options={
                "verbose_name": "offered goods",
                "ordering": ["position", "id"],
            },
        ),
        migrations.CreateModel(
            name="StationNeed",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("district", models.CharField(max_length=20, verbose_name="district")),
                ("note", models.CharField(blank=True, max_length=200, verbose_name="note")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="posted")),
                (
                    "by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "station",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="needs",
                        to="stations.station",
                        verbose_name="station",
                    ),
                ),
                (
                    "union",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="unions.union",
                        verbose_name="union",
                    ),
                ),
            ],
            options={
                "verbose_name": "station need",
                "ordering": ["-id"],
            },
        ),
        migrations.CreateModel(
            name="StationNeedLine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=50, verbose_name="goods")),
                ("unit", models.CharField(max_length=10, verbose_name="unit")),
                ("quantity", models.PositiveIntegerField(verbose_name="quantity needed")),
                ("matched", models.PositiveIntegerField(default=0, verbose_name="matched")),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "need",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lines",
                        to="stations.stationneed",
                    ),
                ),
            ],
            options={
                "verbose_name": "needed goods",
                "ordering": ["position", "id"],
            },
        ),
        migrations.CreateModel(
            name="DonationMatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("quantity", models.PositiveIntegerField(verbose_name="quantity")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("matched", "Matched, not yet delivered"),
                            ("delivered", "Delivered"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="matched",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "delivered_on",
                    models.DateField(blank=True, null=True, verbose_name="delivered on"),
                ),
                (
                    "reason",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="reason for cancelling"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="matched")),
                (
                    "by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="by",
                    ),
                ),
                (
                    "union",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="unions.union",
                        verbose_name="union",
                    ),
                ),
                (
                    "offer_line",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="matches",
                        to="stations.donationofferline",
                        verbose_name="offered goods",
                    ),
                ),
                (
                    "need_line",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="matches",
                        to="stations.stationneedline",
                        verbose_name="needed goods",
                    ),
                ),
            ],
            options={
                "verbose_name": "donation match",
                "ordering": ["-id"],
            },
        ),
        migrations.AddIndex(
            model_name="donationoffer",
            index=models.Index(fields=["campaign", "thank_publicly"], name="offer_thanks"),
        ),
        migrations.AddIndex(
            model_name="donationofferarea",
            index=models.Index(fields=["district", "offer"], name="offer_area_by_district"),
        ),
        migrations.AddConstraint(
            model_name="donationofferarea",
            constraint=models.UniqueConstraint(
                fields=("offer", "district"), name="offer_area_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="donationofferline",
            constraint=models.CheckConstraint(
                condition=models.Q(("matched__lte", models.F("quantity"))),
                name="offer_line_not_over_matched",
            ),
        ),
        migrations.AddIndex(
            model_name="stationneed",
            index=models.Index(fields=["union", "id"], name="need_by_union"),
        ),
        migrations.AddIndex(
            model_name="stationneed",
            index=models.Index(fields=["district", "id"], name="need_by_district"),
        ),
        migrations.AddConstraint(
            model_name="stationneedline",
            constraint=models.CheckConstraint(
                condition=models.Q(("matched__lte", models.F("quantity"))),
                name="need_line_not_over_matched",
            ),
        ),
        migrations.AddIndex(
            model_name="donationmatch",
            index=models.Index(fields=["status", "offer_line"], name="match_by_status"),
        ),
    ]
