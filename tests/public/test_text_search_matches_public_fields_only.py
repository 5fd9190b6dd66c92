"""?q= finds two-character terms in a station's name, address or district and a plaque by its
exact number, never by the station head nor by letters of every plaque; a search does not
count every match, it says when more follow."""

from __future__ import annotations


def _names(client, q: str) -> set[str]:
    response = client.get("/stations/", {"q": q})
    assert response.status_code == 200
    return {e.station.name for e in response.context["entries"]}


def test_two_characters_find_names_addresses_and_districts(client, public_station):
    public_station(name="漕溪路站")
    public_station(name="甲", address="漕溪北路1号")
    public_station(name="乙", head_name="漕溪")
    public_station(name="丙", district="徐汇区")
    public_station(name="溪漕")

    assert _names(client, "漕溪") == {"漕溪路站", "甲"}
    assert _names(client, "徐汇") == {"丙"}


def test_a_plaque_is_found_by_its_number_not_by_its_letters(client, public_station):
    station = public_station(name="某站")
    public_station(name="别的站")

    assert _names(client, station.plaque_number.lower()) == {"某站"}
    assert _names(client, "sh") == set()


def test_a_search_says_more_follow_instead_of_counting_them(client, public_station, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    for i in range(3):
        public_station(name=f"漕溪{i}号站")

    first = client.get("/stations/", {"q": "漕溪"})
    last = client.get("/stations/", {"q": "漕溪", "page": 2})

    assert first.context["total"] is None
    assert first.context["page"].has_next()
    assert "下一页还有更多" in first.content.decode()
    assert last.context["total"] == 3
    assert [e.station.name for e in last.context["entries"]] == ["漕溪2号站"]
