"""The award certificate (荣誉证书), one PDF per title, drawn by the documents app.

The documents app renders, stores and serves it; this module says what it shows. Each
certificate belongs to the winner's union (GeneratedDocument.union), so a union downloads its
own winners' certificates and no other's (unions.scopes); inspectors never see them.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.kinds import DocumentKind, register
from documents.snapshots import DocumentUnavailable, Snapshot, day, snapshot

from .models import Award

CERTIFICATE_KIND = "award_cert"


def certificate_key(award: Award) -> str:
    """How a certificate names its title (GeneratedDocument.record_key), in every version."""
    return f"award:{award.pk}"


def certificate_snapshot(award: Award) -> Snapshot:
    award_year = award.award_year
    if not award_year.is_published or not award.confirmed or award.withdrawn_at is not None:
        raise DocumentUnavailable(
            _("A certificate is printed only for a confirmed title of a published year.")
        )
    with translation.override(settings.LANGUAGE_CODE):
        title = award.get_kind_display()
    payload = {
        "year": award_year.year,
        "kind": award.kind,
        "title": title,
        "name": award.name,
        "station_name": award.station_name,
        "plaque_number": award.plaque_number,
        "citation": award.citation,
        "issuers": list(settings.PARTY_B_NAMES),
        # The day of publication in the city (Asia/Shanghai): a year published at 07:30 on
        # 5 December is dated 5 December, although it is still 4 December in UTC.
        "issued_on": day(
            timezone.localdate(award_year.published_at) if award_year.published_at else None
        ),
    }
    return snapshot(
        CERTIFICATE_KIND,
        record_key=certificate_key(award),
        # ASCII, so downloads are named by it: award-cert-2025-SH00001-star-head.pdf
        title=f"{award_year.year}-{award.plaque_number}-{award.kind.replace('_', '-')}",
        union_id=award.union_id,
        district=award.district,
        payload=payload,
    )


def register_kinds() -> None:
    register(
        DocumentKind(
            code=CERTIFICATE_KIND,
            label=gettext_lazy("Award certificate"),
            template="documents/award_certificate.html",
            snapshot=certificate_snapshot,
            record=Award,
            folder="certificates",
            title_names_file=True,
        )
    )
