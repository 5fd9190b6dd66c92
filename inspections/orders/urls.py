"""Rectification orders, plans, peer-review pairings and appeals (staff pages)."""

from __future__ import annotations

from django.urls import path

from .views import appeals, exports, orders, pairings, plans

urlpatterns = [
    path("orders/", orders.order_list, name="order_list"),
    # The CSV's old address; the export is a job asked for by POST, with a page of its own.
    path("orders/export.csv", exports.order_export, name="order_export"),
    path("orders/exports/", exports.order_export_request, name="order_export_request"),
    path("orders/exports/<int:pk>/", exports.order_export_detail, name="order_export_detail"),
    path(
        "orders/exports/<int:pk>/status.json",
        exports.order_export_status,
        name="order_export_status",
    ),
    path("orders/new/", orders.order_open, name="order_open"),
    path("orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("orders/<int:pk>/answer/", orders.order_answer, name="order_answer"),
    path("orders/<int:pk>/action/", orders.order_action, name="order_action"),
    path("orders/<int:pk>/photos/<int:photo_pk>/", orders.order_photo, name="order_photo"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/draw/", plans.plan_draw_view, name="plan_draw"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("pairings/", pairings.pairing_list, name="pairing_list"),
    path("pairings/<int:pk>/remove/", pairings.pairing_remove, name="pairing_remove"),
    path("appeals/", appeals.appeal_list, name="appeal_list"),
    path("appeals/<int:pk>/", appeals.appeal_detail, name="appeal_detail"),
    path("appeals/<int:pk>/decide/", appeals.appeal_decide_view, name="appeal_decide"),
    path(
        "appeals/<int:pk>/evidence/<int:evidence_pk>/",
        appeals.appeal_evidence,
        name="appeal_evidence",
    ),
    path("checks/<int:inspection_pk>/appeal/", appeals.appeal_create, name="appeal_create"),
]
