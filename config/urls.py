from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.public_home, name="public_home"),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", views.metrics, name="metrics"),
    path("errors/upload-too-large/", views.upload_too_large, name="upload_too_large"),
    path("staff/", views.staff_home, name="home"),
    path("accounts/", include("unions.urls")),
    path("", include("documents.urls")),
    path("", include("stations.urls")),
    path("staff/inspections/", include("inspections.urls")),
    path("", include("inspections.public_urls")),
    path("", include("awards.urls")),
    path("admin/", admin.site.urls),
]

# Django's own refusals (a redirect too long to follow, too many fields) in Chinese, as the
# NUL-byte refusal (config/hostile_input.py).
handler400 = "config.hostile_input.bad_request"

admin.site.site_header = settings.PORTAL_TITLE
admin.site.site_title = settings.PORTAL_TITLE
