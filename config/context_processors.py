from __future__ import annotations

from django.conf import settings

from stations.permissions import record_permissions
from unions.roles import role_of

from .navigation import links_for


def portal(request):
    user = getattr(request, "user", None)
    role = role_of(user)
    return {
        "staff_links": links_for(role),
        "may": record_permissions(user),
        "HOTLINE": settings.HOTLINE,
        "HOTLINE_NAME": settings.HOTLINE_NAME,
        "CITY_NAME": settings.CITY_NAME,
        "AID_CENTER_NAME": settings.AID_CENTER_NAME,
        "user_role": role,
    }
