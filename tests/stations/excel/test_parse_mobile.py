from __future__ import annotations

import pytest

from stations.parsing import ParseError, parse_mobile


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "１３８１２３４５６７８",
        "+86 138 1234 5678",
        "+86-13812345678",
        "(+86)13812345678",
        "008613812345678",
        "13812345678.0",
        13812345678,
        13812345678.0,
        " 13812345678 ",
    ],
)
def test_it_reads_the_ways_clerks_type_a_mobile(typed):
    assert parse_mobile(typed) == "13812345678"


@pytest.mark.parametrize(
    "typed",
    ["", None, "1381234567", "138123456789", "23812345678", "021-63211939", "12012345678", "手机"],
)
def test_it_refuses_what_is_not_a_mainland_mobile(typed):
    with pytest.raises(ParseError):
        parse_mobile(typed)


def test_its_error_quotes_what_was_typed():
    with pytest.raises(ParseError) as caught:
        parse_mobile("021-6321")
    assert "021-6321" in str(caught.value)


def test_parse_error_is_a_value_error():
    assert issubclass(ParseError, ValueError)
