"""Chinese is drawn with a real CJK font, embedded as a subset made by HarfBuzz (fast)."""

from __future__ import annotations

import io
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


def test_the_gb2312_cuts_are_made_once_and_kept_in_the_font_folder(settings, tmp_path):
    from documents import subset

    # A render that finds no cut (``make install`` was skipped) makes it, once.
    settings.FONT_CACHE_DIR = tmp_path / "fonts"
    located = fonts.locate(fonts.FACES[0])
    assert located is not None
    first = subset.cut(*located)
    assert first.exists() and first.parent == settings.FONT_CACHE_DIR
    mtime = first.stat().st_mtime_ns
    assert subset.cut(*located) == first
    assert first.stat().st_mtime_ns == mtime
    assert first.stat().st_size < located[0].stat().st_size / 3


def test_the_install_command_makes_both_cuts_and_removes_stale_ones(settings, tmp_path):
    from django.core.management import call_command

    from documents import subset

    settings.FONT_CACHE_DIR = tmp_path / "fonts"
    settings.FONT_CACHE_DIR.mkdir()
    stale = settings.FONT_CACHE_DIR / f"NotoSerifCJK-Regular-2{subset.SUFFIX}0123456789abcdef.otf"
    stale.write_bytes(b"an older cut")
    call_command("documents_fonts", stdout=io.StringIO())
    made = sorted(p.name for p in settings.FONT_CACHE_DIR.iterdir())
    assert len(made) == 2 and stale.name not in made
    assert {name.split(subset.SUFFIX)[0] for name in made} == {
        f"{path.stem}-{index}" for path, index in map(fonts.locate, fonts.FACES)
    }


def test_the_cut_keeps_every_character_of_the_set_the_full_face_has():
    import uharfbuzz

    from documents import subset

    def characters(path, index=0) -> set[int]:
        return set(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)), index).unicodes)

    source, index = fonts.locate(fonts.FACES[0])
    wanted = set(subset.charset()) & characters(source, index)
    assert len(wanted) > 7_000  # GB2312's 6,763 hanzi and its symbols, ASCII, punctuation
    assert wanted <= characters(subset.cut(source, index))


def test_rendering_logs_no_font_warning(make, station, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        make(Kind.PLEDGE, station)
    assert not [r for r in caplog.records if r.name == "weasyprint"], caplog.text
