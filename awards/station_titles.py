"""The titles a winner's public station page shows (年度优秀户外职工爱心接力站 …); the public
app's station page asks ``station_titles``."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Award, AwardKind


@dataclass(frozen=True)
class PublicTitle:
    text: str
    # Where the title is explained (the year's honours page); may be empty.
    url: str = ""


def station_titles(station) -> list[PublicTitle]:
    awards = (
        Award.objects.public()
        .filter(station=station, kind__in=(AwardKind.EXCELLENT_STATION, AwardKind.STAR_HEAD))
        .select_related("award_year")
        .order_by("-award_year__year", "kind")
    )
    titles = []
    for award in awards:
        text = award.title
        if award.kind == AwardKind.STAR_HEAD:
            # The head by role, not by name: the station page names heads by surname only.
            text = _("Its head: %(title)s") % {"title": text}
        url = reverse("awards:honours_year", kwargs={"year": award.award_year.year})
        titles.append(PublicTitle(text=text, url=url))
    return titles
