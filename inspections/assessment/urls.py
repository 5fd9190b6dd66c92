from __future__ import annotations

from django.urls import path

from . import views as views

urlpatterns: list = [
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/run/", views.assessment_start, name="assessment_start"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/publish/", views.assessment_publish_view, name="assessment_publish"),
]
