"""A 20,000-character user name is a form error on the login page, and never reaches
authenticate() or axes' failed-attempt row (255 characters: a 500 on PostgreSQL before)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt


@pytest.mark.django_db
def test_an_over_long_user_name_is_refused_by_the_form(client):
    response = client.post("/accounts/login/", {"username": "长" * 20_000, "password": "x"})

    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert not AccessAttempt.objects.exists()
