from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "stations"
    verbose_name = _("Stations")

    def ready(self) -> None:
        # 附件1–3, the plaque and the filing's zip, made by the documents app.
        from .documents.kinds import register_kinds

        register_kinds()
        # The caches of station data, named in history's registry with what drops them.
        # The records of this app a history shows, by their fields' names (history.labels).
        from history import labels

        from . import (
            caches,  # noqa: F401
            models,
        )

        for record, model in {
            "filing": models.FilingForm,
            "station": models.Station,
            "acceptance": models.Acceptance,
            "agreement": models.Agreement,
            "pledge": models.Pledge,
            "insurance": models.InsurancePolicy,
            "feedback": models.FeedbackTicket,
            "campaign": models.Campaign,
            "delivery": models.CampaignDelivery,
            "alert": models.WeatherAlert,
            "training": models.TrainingSession,
            "donation": models.DonationOffer,
            "need": models.StationNeed,
            "donation_match": models.DonationMatch,
        }.items():
            labels.register(record, model)
