"""A text typed in many rows is parsed once per import and its reading reused (issue 26:
parsing what clerks typed cost more than reading the file); a bad one is still reported in
every row it is in, with the same words."""

from __future__ import annotations

import pytest

from stations.excel import convert
from stations.parsing import ParseError


def test_a_text_is_parsed_once_and_its_reading_reused(monkeypatch):
    calls = []

    def parse(value):
        calls.append(value)
        return value.upper()

    read = convert._remembered(parse)
    monkeypatch.setattr(convert, "_readings", {})
    assert [read("a"), read("a"), read("b"), read("a")] == ["A", "A", "B", "A"]
    assert calls == ["a", "b"]


def test_a_bad_text_is_reported_every_time_it_is_read(monkeypatch):
    def parse(value):
        raise ParseError(f"“{value}” cannot be read")

    read = convert._remembered(parse)
    monkeypatch.setattr(convert, "_readings", {})
    for _ in range(3):
        with pytest.raises(ParseError, match="“九点” cannot be read"):
            read("九点")


def test_the_memory_is_emptied_when_full(monkeypatch):
    read = convert._remembered(str.upper)
    monkeypatch.setattr(convert, "_readings", {})
    monkeypatch.setattr(convert, "MEMO_SIZE", 2)
    read("a"), read("b"), read("c")
    assert len(convert._readings) == 1
