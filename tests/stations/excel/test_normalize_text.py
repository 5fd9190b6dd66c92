from __future__ import annotations

from stations.parsing import fold_text, normalize_text


def test_it_turns_full_width_digits_and_letters_half_width():
    assert normalize_text("南京东路１２３号ＡＢ座") == "南京东路123号AB座"


def test_it_turns_full_width_symbols_half_width():
    assert normalize_text("Ａ－１／２＠～＋") == "A-1/2@~+"


def test_it_keeps_the_punctuation_chinese_is_written_with():
    typed = "南京东路1号（近地铁站），饮水、充电；时间：全天！“爱心”—《表》。"
    assert normalize_text(typed) == typed


def test_fold_text_folds_that_punctuation_too_for_parsing():
    assert fold_text("9：00（周一），周六；") == "9:00(周一),周六;"


def test_it_strips_and_collapses_spaces_including_ideographic_ones():
    assert normalize_text("　黄浦区  南京东路\t1号 \n") == "黄浦区 南京东路 1号"


def test_it_drops_zero_width_characters_pasted_from_chat_apps():
    assert normalize_text("李\u200b红\ufeff") == "李红"


def test_it_reads_none_as_empty_and_whole_floats_without_decimals():
    assert normalize_text(None) == ""
    assert normalize_text(12.0) == "12"
