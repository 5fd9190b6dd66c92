"""Staff passwords need at least 12 characters, and the refusal is explained in Chinese."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import UserFactory

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.django_db
def test_an_eleven_character_password_is_refused_with_a_chinese_message():
    user = UserFactory(username="clerk_policy")
    password = "Qx7#relay9k"
    assert len(password) == 11

    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        validate_password(password, user=user)

    assert [e.code for e in caught.value.error_list] == ["password_too_short"]
    messages = caught.value.messages
    assert all(CJK.search(m) for m in messages), f"not Chinese: {messages}"
    assert "12" in messages[0]


@pytest.mark.django_db
def test_a_strong_password_of_twelve_or_more_characters_is_accepted():
    user = UserFactory(username="clerk_policy")
    for password in ("Qx7#relay9kW", "Harbour-lantern-2031"):
        assert len(password) >= 12
        assert validate_password(password, user=user) is None


@pytest.mark.django_db
def test_common_and_numeric_passwords_are_refused_however_long():
    with translation.override("zh-hans"):
        for password, code in (
            ("password1234", "password_too_common"),
            ("314159265358979", "password_entirely_numeric"),
        ):
            with pytest.raises(ValidationError) as caught:
                validate_password(password)
            assert code in [e.code for e in caught.value.error_list]
            assert all(CJK.search(m) for m in caught.value.messages)
