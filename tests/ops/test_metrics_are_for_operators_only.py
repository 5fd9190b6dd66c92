"""/metrics answers the operators' network or their token, and is a 404 to anyone else."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

OUTSIDE = "203.0.113.7"


def test_it_answers_this_machine_by_default(client):
    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert b"relay_http_requests_total" in response.content


def test_it_is_a_404_from_outside_the_operators_network(client):
    response = client.get("/metrics", REMOTE_ADDR=OUTSIDE)

    assert response.status_code == 404
    assert b"relay_" not in response.content


def test_it_answers_an_address_inside_a_listed_network(client, settings):
    settings.METRICS_ALLOWED_NETWORKS = ["10.8.0.0/16", "2001:db8::/32"]

    assert client.get("/metrics", REMOTE_ADDR="10.8.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="2001:db8::5").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.9.0.1").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404


def test_behind_nginx_the_forwarded_client_is_judged_not_nginx(client, settings):
    # Every request through nginx comes from 127.0.0.1; the client is what nginx appended.
    settings.TRUSTED_PROXY_COUNT = 1

    outside = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OUTSIDE)
    forged = client.get(
        "/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"127.0.0.1, {OUTSIDE}"
    )

    assert outside.status_code == 404
    assert forged.status_code == 404


def test_the_token_opens_it_from_anywhere(client, settings):
    settings.METRICS_TOKEN = "s3cret-scrape-token-0123456789"

    response = client.get(
        "/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer s3cret-scrape-token-0123456789"
    )

    assert response.status_code == 200
    assert b"relay_celery_queue_depth" in response.content


@pytest.mark.parametrize(
    "header",
    ["", "Bearer ", "Bearer wrong", "Bearer s3cret-scrape-token-012345678", "s3cret-scrape-token"],
)
def test_without_the_right_token_it_is_a_404(client, settings, header):
    settings.METRICS_TOKEN = "s3cret-scrape-token-0123456789"

    response = client.get("/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION=header)

    assert response.status_code == 404


def test_no_token_is_set_so_no_empty_bearer_opens_it(client, settings):
    settings.METRICS_TOKEN = ""

    response = client.get("/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer ")

    assert response.status_code == 404


def test_the_refusal_is_the_portals_own_not_found_page(client):
    refused = client.get("/metrics", REMOTE_ADDR=OUTSIDE)
    missing = client.get("/no-such-page", REMOTE_ADDR=OUTSIDE)

    assert refused.status_code == missing.status_code == 404
    assert refused["Content-Type"] == missing["Content-Type"]
