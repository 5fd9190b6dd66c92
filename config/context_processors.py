from __future__ import annotations

from django.conf import settings

from unions.roles import role_of


def portal(request):
    return {
        "HOTLINE": settings.HOTLINE,
        "HOTLINE_NAME": settings.HOTLINE_NAME,
        "CITY_NAME": settings.CITY_NAME,
        "AID_CENTER_NAME": settings.AID_CENTER_NAME,
        "user_role": role_of(getattr(request, "user", None)),
    }
