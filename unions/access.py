"""Who may use which view: every URL pattern declares it, and undeclared views are refused.

A view declares its rule with ``@access(...)``. ``AccessMiddleware`` reads the rule of the
resolved view before it runs: a view with no rule answers 403 to everyone (fail closed), an
anonymous visitor to a staff view is sent to the login page, and a signed-in user whose role
the rule does not name gets 403. Object scoping (another union's id gives 404) is the job of
``Model.objects.visible_to(user)``, whose rules are one table in unions/scopes.py; the access
harness in tests/ proves both. A method the rule does not declare answers 405.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

from .roles import ANY_STAFF as ANY_STAFF  # re-exported: views import it from here
from .roles import Role, role_of

log = logging.getLogger("security")


@dataclass(frozen=True)
class Rule:
    public: bool = False
    roles: frozenset[str] = field(default_factory=frozenset)
    # The methods the view answers; AccessMiddleware answers 405 to any other.
    methods: frozenset[str] = frozenset({"GET", "HEAD"})

    def allows(self, role: str | None) -> bool:
        return self.public or (role is not None and role in self.roles)


def access(*roles: str, public: bool = False, methods: Iterable[str] = ("GET", "HEAD")) -> Callable:
    """Declare who may use a view: ``@access(public=True)`` or ``@access(Role.AID_CENTER)``."""
    if not public and not roles:
        raise ValueError("access() needs roles or public=True")
    rule = Rule(public=public, roles=frozenset(roles), methods=frozenset(methods))

    def decorate(view: Callable) -> Callable:
        view.access_rule = rule
        return view

    return decorate


# Django's admin site guards itself (staff login); it is declared here as one unit so that
# non-admin staff are refused before the admin sees them.
ADMIN_SITE = Rule(public=True, roles=frozenset({Role.ADMIN}))
NAMESPACE_RULES: dict[str, Rule] = {"admin": ADMIN_SITE}


def rule_for(view_func: Callable, namespaces: Iterable[str] = ()) -> Rule | None:
    for ns in namespaces:
        if ns in NAMESPACE_RULES:
            return NAMESPACE_RULES[ns]
    rule = getattr(view_func, "access_rule", None)
    if rule is None:
        # Class-based views: as_view() keeps the class on view_class.
        rule = getattr(getattr(view_func, "view_class", None), "access_rule", None)
    return rule


def refuse(request: HttpRequest, reason: str) -> None:
    from .models import SecurityEvent

    user = request.user if request.user.is_authenticated else None
    log.warning("refused %s %s user=%s: %s", request.method, request.path, user, reason)
    SecurityEvent.objects.create(
        kind=SecurityEvent.Kind.REFUSED,
        user=user,
        username=getattr(user, "username", "") or "",
        # Through axes, which reads the client behind our proxies (TRUSTED_PROXY_COUNT).
        ip_address=get_client_ip_address(request),
        path=request.path[:500],
    )
    raise PermissionDenied(reason)


class AccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        namespaces = match.namespaces if match else []
        rule = rule_for(view_func, namespaces)
        if rule is None:
            refuse(request, "view declares no access rule")
        if rule is ADMIN_SITE:
            if request.user.is_authenticated and role_of(request.user) != Role.ADMIN:
                refuse(request, "admin site is for administrators")
            return None
        role = role_of(request.user)
        if rule.allows(role):
            if request.method not in rule.methods:
                return HttpResponseNotAllowed(sorted(rule.methods))
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        refuse(request, f"role {role} not allowed")
        return None
