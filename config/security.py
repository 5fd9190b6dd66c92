"""Session and login hardening (OWASP ASVS level 2, sections 2 and 3)."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

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
