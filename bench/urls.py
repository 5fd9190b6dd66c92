"""The portal's URLs plus the page bench's reference view (only under bench/settings.py).

The trivial view goes through every middleware and the access check like any page, renders
nothing and queries nothing of its own: what is left is the cost of Django, the session and
the user (when a session cookie is sent), gunicorn and the connection.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns
from unions.access import access


@access(public=True)
def trivial(request: HttpRequest) -> HttpResponse:
    # Reading the user is what every staff page does first; anonymous it costs nothing.
    return HttpResponse(f"ok {request.user.is_authenticated}", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial, name="bench_trivial"), *portal_urlpatterns]
