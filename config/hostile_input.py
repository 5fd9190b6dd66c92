"""Input no page of the portal can use is refused once, at the door, in Chinese.

A NUL byte has no business in any URL, query or form of the portal: no keyboard types it,
PostgreSQL cannot store it in text ("A string literal cannot contain NUL characters" made
``/stations/?q=%00`` a 500 for anyone), and a view that reads ``request.GET`` itself (a search
box, a list's filter) is not protected by the forms' own validator. One middleware checks
the path, every query parameter and every form field, names and values, and answers 400
with the portal's Chinese page: every view, present and future, is covered at one depth.
Refused, not stripped: "a\\x00b" made into "ab" would be a value the sender did not send,
and could pass a check the real one would fail.

The 400 page is also what Django answers for its own refusals (a redirect too long to
follow, more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS): ``handler400`` in config/urls.py.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

NUL = "\x00"


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def _carries_nul(request: HttpRequest) -> bool:
    if NUL in request.path_info:
        return True
    queries = [request.GET]
    if request.method == "POST":
        queries.append(request.POST)
    for query in queries:
        for key, values in query.lists():
            if NUL in key or any(isinstance(v, str) and NUL in v for v in values):
                return True
    return False


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _carries_nul(request):
            return bad_request(request)
        return self.get_response(request)
