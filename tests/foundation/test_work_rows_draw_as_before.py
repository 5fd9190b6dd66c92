"""The home's work-card rows (config/templatetags/work_cards.py) drawn in one format_html a
row come out byte for byte as the three a row drew them before (git 579de3a): every mix of
a link and a union, markup in the names, and an empty card, in both languages."""

from __future__ import annotations

import pytest
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from config.templatetags.work_cards import NONE, ROW, work_rows


def _before(rows) -> str:
    drawn = []
    for obj in rows:
        staff_url = getattr(obj, "get_staff_url", None)
        url = staff_url() if staff_url is not None else ""
        union = getattr(obj, "union", None)
        drawn.append(
            format_html(
                ROW,
                format_html('<a href="{}">{}</a>', url, obj) if url else format_html("{}", obj),
                format_html(' <span class="text-muted">· {}</span>', union) if union else "",
            )
        )
    if not drawn:
        return format_html(NONE, _("Nothing pending."))
    return mark_safe("".join(drawn))  # noqa: S308 (each row is format_html's)


class Named:
    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name


class Record(Named):
    def __init__(self, name: str, url: str | None, union) -> None:
        super().__init__(name)
        self.union = union
        if url is not None:
            self.get_staff_url = lambda: url


class Plain(Named):
    """A record with no staff page and no union attribute at all."""


ROWS = [
    Record('<b>"外滩"</b> & 站', "/staff/stations/1/?a=1&b=2", Named("黄浦区<总工会>")),
    Record("南京东路站", "/staff/stations/2/", None),
    Record("无链接站", "", Named("徐汇区总工会")),
    Record("无链接无工会", None, None),
    Plain("<i>旧记录</i>"),
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("rows", [ROWS, ROWS[:1], ROWS[3:], []])
def test_rows_are_drawn_as_before(rows, language):
    with override(language):
        assert str(work_rows(rows)) == str(_before(rows))
