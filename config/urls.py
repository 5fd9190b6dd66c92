from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from awards import urls as awards_urls
from public import urls as public_urls
from stations import urls as stations_urls

from . import station_page, views

urlpatterns = [
    *public_urls.HOME,
    path("healthz", views.healthz, name="healthz"),
    path("metrics", views.metrics, name="metrics"),
    path("errors/upload-too-large/", views.upload_too_large, name="upload_too_large"),
    path("staff/", views.staff_home, name="home"),
    path("accounts/", include("unions.urls")),
    # The public app's pages keep the names they were published under (public/urls.py).
    # A station's staff page is composed here, above the apps whose cards it shows.
    path(
        "",
        include(
            (
                [*public_urls.STATIONS, *stations_urls.urlpatterns, *station_page.urlpatterns],
                "stations",
            )
        ),
    ),
    # After the stations' patterns, which begin with the plaque's page (public/urls.py).
    path("", include("documents.urls")),
    path("staff/inspections/", include("inspections.urls")),
    path("", include((public_urls.RANKINGS, "rankings"))),
    path("", include(([*public_urls.HONOURS, *awards_urls.urlpatterns], "awards"))),
    path("admin/", admin.site.urls),
]

# Django's own refusals (a redirect too long to follow, too many fields) in Chinese, as the
# NUL-byte refusal (config/hostile_input.py).
handler400 = "config.hostile_input.bad_request"

admin.site.site_header = settings.PORTAL_TITLE
admin.site.site_title = settings.PORTAL_TITLE
