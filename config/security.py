"""Session and login hardening (OWASP ASVS level 2, sections 2 and 3)."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.contrib.auth import logout, password_validation
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import ngettext

from unions.access import rule_for
from unions.auth_events import SESSION_GENERATION_KEY, SESSION_STARTED_KEY
from unions.models import SessionGeneration

log = logging.getLogger("security")


class AbsoluteSessionTimeoutMiddleware:
    """End a session 12 hours after login, however active it has been.

    The idle timeout is the session age, renewed by IdleSessionRenewalMiddleware.
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


class IdleSessionRenewalMiddleware:
    """Push a signed-in session's expiry SESSION_COOKIE_AGE ahead, at most once a minute.

    The session is saved only when its stored expiry would move by more than
    SESSION_RENEW_AFTER seconds (or the request changed it anyway): a session idle for 30
    minutes still ends within that minute, and a busy clerk's page views no longer write
    the session row one by one. The database store (config.sessions) tells the stored
    expiry; with another engine the expiry last pushed to is kept in the session itself.
    """

    KEY = "_idle_until"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is None or user is None or not user.is_authenticated or session.modified:
            return response
        now = time.time()
        stored = getattr(session, "stored_expiry", None)
        if stored is not None:
            until = stored.timestamp()
        else:
            until = session.get(self.KEY) or session.get(SESSION_STARTED_KEY, 0) + (
                settings.SESSION_COOKIE_AGE
            )
        if now + settings.SESSION_COOKIE_AGE - until > settings.SESSION_RENEW_AFTER:
            session[self.KEY] = now + settings.SESSION_COOKIE_AGE  # marks it modified
        return response


class RevokedSessionMiddleware:
    """End a session opened before its account was disabled, even once it is enabled again.

    While an account is disabled Django already treats its sessions as anonymous; this
    keeps them dead after it is re-enabled. Sessions from before this check existed hold
    no generation and count as generation 0.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            held = request.session.get(SESSION_GENERATION_KEY, 0)
            if held != SessionGeneration.current(request.user.pk):
                log.info(
                    "session of %s ended: opened before the account was disabled", request.user
                )
                logout(request)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """``Cache-Control: no-store, private`` on every response that may carry personal data.

    Staff pages show station heads' mobiles, filing forms and scans; a shared office
    computer's browser cache or a proxy must not keep them after logout. The rule is the
    simplest honest one: every response to a signed-in user, and every response of a view
    not declared public (the admin site included, whoever asks). Public pages for anonymous
    visitors keep whatever caching they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or not self._public_view(request):
            patch_cache_control(response, no_store=True, private=True)
        return response

    @staticmethod
    def _public_view(request) -> bool:
        """Whether the resolved view is declared public; no view (a 404) counts as public."""
        match = getattr(request, "resolver_match", None)
        if match is None:
            return True
        rule = rule_for(match.func, match.namespaces)
        return rule is not None and rule.public and "admin" not in match.namespaces


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
