"""One place that answers "what is this user?" for access rules and scoping."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNION_STAFF = "union", _("Union staff")
    AID_CENTER = "aid_center", _("Aid center")
    INSPECTOR = "inspector", _("Inspector")
    ADMIN = "admin", _("Administrator")


def role_of(user) -> str | None:
    """The user's role, or None for anonymous users and accounts without a profile."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    profile = getattr(user, "profile", None)
    if profile is None:
        return None
    return profile.role


def union_of(user):
    """The union a union-staff user is bound to, else None."""
    if role_of(user) == Role.UNION_STAFF:
        return user.profile.union
    return None


def union_id_of(user) -> int | None:
    """union_of's id, for a query that needs no more: the union itself is not read."""
    if role_of(user) == Role.UNION_STAFF:
        return user.profile.union_id
    return None


def district_scope(user) -> str:
    """A district-scoped inspector's district, else the empty string (city-wide)."""
    if role_of(user) == Role.INSPECTOR:
        return user.profile.district
    return ""


# Named sets of roles, the one place each is spelled: access rules (``@access(*AID)``),
# action tables and services read these, never a tuple of their own.
UNION = frozenset({Role.UNION_STAFF})
AID = frozenset({Role.AID_CENTER})
AID_OR_ADMIN = frozenset({Role.AID_CENTER, Role.ADMIN})
INSPECTOR = frozenset({Role.INSPECTOR})
# The supervision team (服务质量监督队) and the office that leads it: who scores, opens and
# closes (沪工总基〔2018〕35号 四、(四); 附件2 第7条).
SUPERVISION = frozenset({Role.INSPECTOR, Role.AID_CENTER})
# The team and the office that leads it, and the administrators who keep the system: who reads
# the unannounced plans (union staff never do).
SUPERVISION_OR_ADMIN = frozenset({Role.INSPECTOR, Role.AID_CENTER, Role.ADMIN})
UNION_OR_AID = frozenset({Role.UNION_STAFF, Role.AID_CENTER})
# Whom notices are addressed to (unions) and who oversees them: never inspectors.
UNION_AID_OR_ADMIN = frozenset({Role.UNION_STAFF, Role.AID_CENTER, Role.ADMIN})
STAFF_READ = frozenset({Role.UNION_STAFF, Role.AID_CENTER, Role.INSPECTOR})
ANY_STAFF = frozenset({Role.UNION_STAFF, Role.AID_CENTER, Role.INSPECTOR, Role.ADMIN})
