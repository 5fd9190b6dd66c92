"""Logins, logouts, failures and lockouts, written to the security log and SecurityEvent;
a login notes its session generation, and disabling an account ends its sessions."""

from __future__ import annotations

import logging
import time

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import SecurityEvent, SessionGeneration

log = logging.getLogger("security")

SESSION_STARTED_KEY = "_auth_started"
SESSION_GENERATION_KEY = "_auth_generation"


def _ip(request) -> str | None:
    """The client address exactly as the lockout counts it (AXES_CLIENT_IP_CALLABLE)."""
    return get_client_ip_address(request) if request is not None else None


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    if request is not None:
        request.session[SESSION_STARTED_KEY] = time.time()
        request.session[SESSION_GENERATION_KEY] = SessionGeneration.current(user.pk)
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


@receiver(pre_save, sender=get_user_model(), dispatch_uid="unions.end_sessions_on_disable")
def on_user_disabled(sender, instance, update_fields=None, **kwargs):
    """A disabled account's sessions end for good, so that re-enabling it revives none.

    A receiver rather than a service function because the admin's user form, the shell and
    Django's own commands all disable accounts through ``save()``; a bulk ``update()`` of
    is_active would bypass it, and the project has none.
    """
    if instance.pk is None or instance.is_active:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    if sender.objects.filter(pk=instance.pk, is_active=True).exists():
        SessionGeneration.end_sessions(instance.pk)
        log.warning("sessions of %s ended: account disabled", instance.get_username())
