"""The public service's URLs (DESIGN's public contract).

Their names are those they were first published under, in the stations:, rankings: and
awards: namespaces, which templates, tests and the bench use; a namespace is one include,
so config/urls.py, the top layer, joins each list below with the staff patterns of the app
whose namespace it shares.
"""

from __future__ import annotations

from .views import (
    campaigns,
    directory,
    feedback,
    home,
    honours,
    offline,
    open_data,
    rankings,
    station,
)

HOME = [*home.urlpatterns, *campaigns.urlpatterns]
# In stations:, before the stations app's own staff pages.
STATIONS = [
    # First: the plaque's page is the portal's most visited (every QR scan), and Django
    # tries the patterns in order (issue 26: resolving it came after some twenty others).
    *station.urlpatterns,
    *directory.urlpatterns,
    *open_data.urlpatterns,
    *feedback.urlpatterns,
    *offline.urlpatterns,
]
# rankings: is the public service's alone.
RANKINGS = rankings.urlpatterns
# In awards:, before the aid center's selection pages.
HONOURS = honours.urlpatterns
