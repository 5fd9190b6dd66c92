"""Chinese is drawn with a real CJK font, embedded as a subset made by HarfBuzz (fast)."""

from __future__ import annotations

import logging
import re

import pytest

from documents import fonts
from stations.documents.codes import Kind

from .helpers import numbered_station, pdf_fonts, pdf_text, read_file


def test_fontconfig_knows_the_noto_cjk_sc_families():
    assert fonts.installed_cjk_families() == {fonts.SERIF, fonts.SANS}


def test_weasyprint_subsets_fonts_with_harfbuzz_not_fonttools():
    # Without libharfbuzz-subset WeasyPrint falls back to fontTools: ~8 s a page with CJK.
    assert fonts.fast_subsetting_available()


@pytest.mark.parametrize("kind", [Kind.PLEDGE, Kind.PLAQUE])
def test_only_the_gb2312_cuts_of_noto_cjk_are_embedded_and_subset(make, station, pledge, kind):
    names = pdf_fonts(read_file(make(kind, station)))
    # Subset fonts carry a six-letter tag: ABCDEF+Noto-Serif-CJK-SC-GB2312.
    assert all(re.fullmatch(r"[A-Z]{6}\+.+", name) for name in names), names
    families = {name.split("+", 1)[1] for name in names}
    assert families == {"Noto-Serif-CJK-SC-GB2312", "Noto-Sans-CJK-SC-GB2312-Bold"}


def test_a_character_outside_gb2312_falls_back_to_the_full_noto_face(make, world):
    # 堃 and 喆 are common in given names but not in GB2312.
    station = numbered_station(world.filing_a, world.host_a, 5, name="王堃喆爱心接力站")
    data = read_file(make(Kind.PLEDGE, station))
    assert "站点名称：王堃喆爱心接力站" in pdf_text(data)
    families = {name.split("+", 1)[1] for name in pdf_fonts(data)}
    assert "Noto-Serif-CJK-SC" in families
    assert "Noto-Serif-CJK-SC-GB2312" in families


def test_the_gb2312_cuts_are_made_once_and_cached():
    from documents import subset

    located = fonts.locate(fonts.FACES[0])
    assert located is not None
    first = subset.cut(*located)
    assert first.exists() and first.parent == subset.cache_dir()
    assert subset.cut(*located) == first
    assert first.stat().st_size < located[0].stat().st_size / 3


def test_rendering_logs_no_font_warning(make, station, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        make(Kind.PLEDGE, station)
    assert not [r for r in caplog.records if r.name == "weasyprint"], caplog.text
