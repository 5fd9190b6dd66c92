"""Checks: the phone form and its offline queue, the inspector's day, the lists, the
checklist editor. Mounted at /staff/inspections/ (namespace "inspections")."""

from __future__ import annotations

from django.urls import path

from .views import checklist, checks, offline, position, today

urlpatterns = [
    path("sw.js", offline.service_worker, name="service_worker"),
    path("today/", today.today, name="today"),
    path("checks/", checks.check_list, name="check_list"),
    path("checks/new/", checks.check_new, name="check_new"),
    path("checks/send/", checks.check_send, name="check_send"),
    path("checks/day.json", offline.check_day, name="check_day"),
    path("checks/stations.json", checks.check_stations, name="check_stations"),
    path("checks/<int:pk>/", checks.check_detail, name="check_detail"),
    path("checks/<int:pk>/photos/<int:photo_pk>/", checks.check_photo, name="check_photo"),
    path(
        "checks/<int:pk>/position/accept/",
        position.check_position_accept,
        name="check_position_accept",
    ),
    path("checklist/", checklist.checklist_edit, name="checklist"),
]
