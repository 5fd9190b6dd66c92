"""The codes and labels of the documents the stations app offers (registered in kinds.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    FILING_FORM = "filing_form", _("Filing form (Annex 1)")
    AGREEMENT = "agreement", _("Co-building agreement (Annex 2)")
    PLEDGE = "pledge", _("Service pledge (Annex 3)")
    PLAQUE = "plaque", _("Plaque artwork")
    BATCH_ZIP = "batch_zip", _("All pledges and plaques (zip)")
    # Not a paper of the programme: the registry list written to Excel by a background job.
    REGISTRY_EXPORT = "registry_xlsx", _("Station registry (Excel)")
    # A campaign's progress by union, goods and district (its PDF is a shared-layout report).
    CAMPAIGN_REPORT = "campaign_xlsx", _("Campaign report (Excel)")
