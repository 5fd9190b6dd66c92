from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from unions.access import ANY_STAFF, access

from . import views
from .forms import LoginForm
from .staff_traces import LogoutView

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        access(public=True, methods=("GET", "HEAD", "POST"))(
            auth_views.LoginView.as_view(
                authentication_form=LoginForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path(
        "logout/",
        access(public=True, methods=("POST",))(LogoutView.as_view()),
        name="logout",
    ),
    path(
        "password/",
        access(*ANY_STAFF, methods=("GET", "HEAD", "POST"))(
            auth_views.PasswordChangeView.as_view(success_url="/staff/")
        ),
        name="password_change",
    ),
    path("notices/", views.notice_list, name="notices"),
    path("notices/<int:pk>/read/", views.notice_read, name="notice_read"),
]
