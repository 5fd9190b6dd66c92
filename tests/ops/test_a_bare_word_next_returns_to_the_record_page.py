"""A document request posted with ``next`` set to a bare word goes back to the record's
page; before, redirect() took the word for a view name and the post was a 500."""

from __future__ import annotations

from django.urls import reverse


def test_a_bare_word_next_is_ignored(client, world, settings, monkeypatch):
    from config.celery_app import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    client.force_login(world.user_a)
    url = reverse("documents:request", args=["filing", world.filing_a.pk, "filing_form"])

    response = client.post(url, {"next": "not-a-page"})

    assert response.status_code == 302
    assert response["Location"] == reverse("stations:filing_detail", args=[world.filing_a.pk])
