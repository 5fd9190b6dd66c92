"""The titles a winner's public station page shows, handed to stations' hook
(stations.public_titles) so that the lower app never imports this one."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from stations.public_titles import PublicTitle, register_title_source

from .models import Award, AwardKind


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


def register_titles() -> None:
    register_title_source(station_titles)
