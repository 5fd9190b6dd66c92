"""Logins, logouts, failures and lockouts, written to the security log and SecurityEvent."""

from __future__ import annotations

import logging
import time

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import SecurityEvent

log = logging.getLogger("security")

SESSION_STARTED_KEY = "_auth_started"


def _ip(request) -> str | None:
    """The client address exactly as the lockout counts it (AXES_CLIENT_IP_CALLABLE)."""
    return get_client_ip_address(request) if request is not None else None


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    if request is not None:
        request.session[SESSION_STARTED_KEY] = time.time()
    log.info("login %s from %s", user.username, _ip(request))
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.LOGIN, user=user, username=user.username, ip_address=_ip(request)
    )


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is None:
        return
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.LOGOUT, user=user, username=user.username, ip_address=_ip(request)
    )


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")[:150]
    log.warning("failed login for %r from %s", username, _ip(request))
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.LOGIN_FAILED, username=username, ip_address=_ip(request)
    )


@receiver(user_locked_out)
def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    log.warning("locked out %r from %s", username, ip_address)
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.LOCKED_OUT, username=(username or "")[:150], ip_address=ip_address
    )
