"""A view that declares no rule is refused to everyone, and the refusal is logged."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from config import urls as project_urls
from unions.models import SecurityEvent


def undeclared(request):
    return HttpResponse("secret")


# The project's patterns stay, so the 403 page can render its navigation.
urlpatterns = [path("undeclared/", undeclared), *project_urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_an_undeclared_view_is_refused_even_to_the_aid_center(world):
    client = Client()
    client.force_login(world.aid)
    response = client.get("/undeclared/")
    assert response.status_code == 403
    assert b"secret" not in response.content


@override_settings(ROOT_URLCONF=__name__)
def test_an_undeclared_view_is_refused_to_anonymous_visitors(db):
    response = Client().get("/undeclared/")
    assert response.status_code == 403


@override_settings(ROOT_URLCONF=__name__)
def test_a_refusal_is_logged(world):
    client = Client()
    client.force_login(world.user_a)
    client.get("/undeclared/")
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.REFUSED)
    assert event.username == "clerk_a"
    assert event.path == "/undeclared/"
