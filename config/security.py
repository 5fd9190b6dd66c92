"""Session and login hardening (OWASP ASVS level 2, sections 2 and 3)."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.contrib.auth import logout, password_validation
from django.shortcuts import redirect
from django.utils.translation import ngettext

from unions.auth_events import SESSION_STARTED_KEY

log = logging.getLogger("security")


class AbsoluteSessionTimeoutMiddleware:
    """End a session 12 hours after login, however active it has been.

    The idle timeout is the cookie age renewed on every request (SESSION_SAVE_EVERY_REQUEST).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            limit = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if started is None or time.time() - started > limit:
                log.info("session of %s ended by absolute timeout", request.user)
                logout(request)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's check with our own message: Django 5.2's newer wording has no zh_Hans
    translation in Django's catalog, so staff would be told in English."""

    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
