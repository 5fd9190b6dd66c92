"""Opening hours (开放时间) as clerks write them, to structured weekly slots and back.

Nothing is changed silently: every character of the cell is either read or refused (text
after a readable range is an error, not ignored), and a range whose end is earlier than
its start is read as overnight only when that is what was written (``22:00-6:00``,
``9:00-次日5:00``, ``晚上10点-早上6点``); ``9-5`` could mean 17:00 or the next morning, so it
is refused with both spellings suggested.

A slot is ``{"days": [0..6], "start": "HH:MM", "end": "HH:MM"}`` with Monday = 0; it opens
at ``start`` on each of its days and closes at ``end`` the same day, or the next day when
``end`` is earlier than ``start`` (overnight). ``"24:00"`` ends the day. Older records hold
overnight hours split into an evening and a morning slot; both forms read alike
(``open_at``).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .text import ParseError, fold_text

# --- Opening hours --------------------------------------------------------------------

EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
_DAY_NUMBER = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
_DAY_NUMBER.update({str(n): n - 1 for n in range(1, 8)})
_DAY_CHARS = "一二三四五六日天七1234567"
_DAY_WORDS: dict[str, tuple[int, ...]] = {
    "工作日": (0, 1, 2, 3, 4),
    "周末": (5, 6),
    "双休日": (5, 6),
    "双休": (5, 6),
    "每天": EVERY_DAY,
    "每日": EVERY_DAY,
    "天天": EVERY_DAY,
    "全周": EVERY_DAY,
    "全年": EVERY_DAY,
    "每周七天": EVERY_DAY,
    "一周七天": EVERY_DAY,
    "7天": EVERY_DAY,
}
_ALL_DAY_WORDS = ("全天候", "全天", "二十四小时", "24小时", "24h", "24H", "24hours")
_CLOSED_WORDS = ("休息", "闭店", "闭馆", "不开放", "关闭", "歇业", "休")
# 下午/晚上 add 12 hours to 1–11; 中午 1 is 13:00 but 中午 12 stays noon; 凌晨 12 is 0:00.
_PM_WORDS = ("下午", "午后", "傍晚", "晚上", "夜间", "夜里", "晚间", "晚")
_NIGHT_WORDS = ("晚上", "夜间", "夜里", "晚间", "晚")
_AM_WORDS = ("上午", "早上", "早晨", "清晨", "早", "凌晨", "中午", "次日")
_AMPM = "|".join(sorted(_PM_WORDS + _AM_WORDS, key=len, reverse=True))
_TIME = (
    rf"(?:(?P<{{p}}w>{_AMPM})\s*)?(?P<{{p}}h>\d{{{{1,2}}}})"
    r"(?:\s*(?::|\.)\s*(?P<{p}m>\d{{2}})|\s*[点时]\s*(?P<{p}half>半)?(?:(?P<{p}m2>\d{{1,2}})\s*分?)?)?"
    r"\s*(?P<{p}ap>am|pm|a\.m\.|p\.m\.)?"
)
_RANGE = re.compile(
    _TIME.format(p="a") + r"\s*(?:-+|—+|–+|―+|~+|〜+|至|到)\s*" + _TIME.format(p="b"),
    re.IGNORECASE,
)
_DAY_PREFIX = re.compile(r"(?:周|星期|礼拜)")
_DAY_RANGE_SEP = re.compile(r"\s*(?:至|到|~|〜|-|—|–|―)\s*")
_EXCEPT_AFTER = ("除外", "以外", "外")
# What may stand around the hours without meaning anything: punctuation, and words such
# as 开放/营业/时间 (开放时间：9:00-17:00). Anything else that is not read is an error.
_FILLER_CHARS = set(" ,;:.。、/()[]【】'\"“”‘’!！?？除")
_FILLER_WORDS = (
    "全年无休",
    "节假日照常",
    "开放时间",
    "营业时间",
    "开放",
    "营业",
    "时间",
    "无休",
    "照常",
    "均",
)
_DAY = 24 * 60
_NEXT_DAY_WORD = "次日"


def _minutes(match: re.Match, p: str) -> tuple[int, str]:
    hour = int(match.group(f"{p}h"))
    minute = match.group(f"{p}m") or match.group(f"{p}m2")
    minutes = int(minute) if minute else (30 if match.group(f"{p}half") else 0)
    word = (match.group(f"{p}w") or "").lower()
    ap = (match.group(f"{p}ap") or "").lower().replace(".", "")
    if minutes >= 60 or hour > 24 or (hour == 24 and minutes):
        raise ParseError(_("“%(value)s” is not a time of day.") % {"value": match.group(0)})
    if word in _NIGHT_WORDS and hour == 12:
        hour = 24  # 晚上12点 is midnight, the end of the day
    elif ((word in _PM_WORDS or ap == "pm") and hour < 12) or (word == "中午" and hour < 11):
        hour += 12
    elif (word == "凌晨" or ap == "am") and hour == 12:
        hour = 0
    return hour * 60 + minutes, word or ap


class _Group:
    """Days and the time ranges that apply to them, in the order the clerk wrote them."""

    def __init__(self, days: set[int] | None = None) -> None:
        self.days = days
        self.ranges: list[tuple[int, int]] = []
        self.sealed = False  # a trailing qualifier closed it: later ranges start a new group
        self.closed = False  # 周日休息


def _read_days(text: str, i: int) -> tuple[set[int], int] | None:
    """Days starting at text[i] (周一至周五, 星期六、日, 周一三五), or None."""
    for word, days in _DAY_WORDS.items():
        if text.startswith(word, i):
            return set(days), i + len(word)
    prefix = _DAY_PREFIX.match(text, i)
    if not prefix or prefix.end() >= len(text) or text[prefix.end()] not in _DAY_CHARS:
        return None
    j = prefix.end()
    days = {_DAY_NUMBER[text[j]]}
    last = _DAY_NUMBER[text[j]]
    j += 1
    while j < len(text):
        sep = _DAY_RANGE_SEP.match(text, j)
        if sep:
            k = sep.end()
            pre = _DAY_PREFIX.match(text, k)
            k = pre.end() if pre else k
            if k < len(text) and text[k] in _DAY_CHARS and not _looks_like_time(text, k):
                end = _DAY_NUMBER[text[k]]
                span = range(last, end + 1) if end >= last else [*range(last, 7), *range(end + 1)]
                days.update(span)
                last, j = end, k + 1
                continue
        k = j
        if text[k] in "、,和及与/ ":
            k += 1
            pre = _DAY_PREFIX.match(text, k)
            k = pre.end() if pre else k
        if k < len(text) and text[k] in _DAY_CHARS and not _looks_like_time(text, k):
            last = _DAY_NUMBER[text[k]]
            days.add(last)
            j = k + 1
            continue
        break
    return days, j


def _looks_like_time(text: str, k: int) -> bool:
    """A digit after 周一至 is a day (周一至5) unless it starts a time (周一 9:00)."""
    return text[k].isdigit() and bool(re.match(r"\d{1,2}\s*[:点时.]", text[k:]))


def _tokens(text: str):
    """Yield ("days", set, in_paren), ("range", (start, end)), ("allday",), ("closed", word),
    ("sep",) and ("unread", char) for a character that is neither read nor filler."""
    i, depth = 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "([【":
            depth += 1
            i += 1
            continue
        if ch in ")]】":
            depth = max(0, depth - 1)
            i += 1
            continue
        if ch in ";,。\n" or ch == "、" and depth == 0:
            yield ("sep",)
            i += 1
            continue
        word = next((w for w in _ALL_DAY_WORDS if text.startswith(w, i)), None)
        if word:
            yield ("allday",)
            i += len(word)
            continue
        found = _read_days(text, i)
        if found:
            start = i
            days, i = found
            # 周日除外 / 除周日外: every day but those named.
            after = next((w for w in _EXCEPT_AFTER if text.startswith(w, i)), "")
            if after or (start and text[start - 1] == "除"):
                days = set(EVERY_DAY) - days
                i += len(after)
            yield ("days", days, depth > 0)
            continue
        match = _RANGE.match(text, i)
        if match:
            yield ("range", _range(match))
            i = match.end()
            continue
        word = next((w for w in _CLOSED_WORDS if text.startswith(w, i)), None)
        if word:
            yield ("closed", word)
            i += len(word)
            continue
        word = next((w for w in _FILLER_WORDS if text.startswith(w, i)), None)
        if word:
            i += len(word)
            continue
        if ch not in _FILLER_CHARS:
            yield ("unread", ch)
        i += 1


def _range(match: re.Match) -> tuple[int, int]:
    """(start, end) in minutes; an overnight range has end < start (it ends the next day)."""
    start, start_word = _minutes(match, "a")
    end, end_word = _minutes(match, "b")
    if end == 0 and start > 0:
        return start, _DAY  # 18:00-0:00 and 18:00-次日0:00 both close at midnight
    if end_word == _NEXT_DAY_WORD:
        if end >= start:
            raise ParseError(_("“%(value)s” lasts more than 24 hours.") % {"value": match.group(0)})
        return start, end
    if end >= start:
        return start, end
    # The end is earlier than the start. Overnight when the clerk said so with a word on
    # the end (凌晨, 早上, 次日) or used the 24-hour clock (17:00-9:00); 9:00-5:00 or
    # 下午5点-9点 could as well mean the afternoon, and guessing is changing it silently.
    if end_word or (not start_word and start >= 13 * 60):
        return start, end
    afternoon = end + 12 * 60
    values = {
        "value": match.group(0),
        "overnight": f"{_hhmm(start)}-{_NEXT_DAY_WORD}{_hhmm(end)}",
        "afternoon": f"{_hhmm(start)}-{_hhmm(afternoon)}",
    }
    if start < afternoon <= _DAY:
        raise ParseError(
            _(
                "“%(value)s”: the closing time is earlier than the opening time. Write "
                "%(afternoon)s if the station closes in the afternoon, or %(overnight)s if it "
                "stays open overnight."
            )
            % values
        )
    raise ParseError(
        _(
            "“%(value)s”: the closing time is earlier than the opening time. Write "
            "%(overnight)s if the station stays open overnight."
        )
        % values
    )


def _groups(text: str) -> tuple[list[_Group], list[str]]:
    """The day groups, and the text that was not read (the caller refuses it)."""
    tokens = list(_tokens(text))
    unread = [tok[1] for tok in tokens if tok[0] == "unread"]
    tokens = [tok for tok in tokens if tok[0] != "unread"]
    groups: list[_Group] = []
    cur: _Group | None = None
    for n, tok in enumerate(tokens):
        kind = tok[0]
        if kind == "days":
            _, days, in_paren = tok
            following = next((t[0] for t in tokens[n + 1 :] if t[0] != "days"), None)
            # Days after a range qualify it (9:00-17:00（周一至周五）) unless they lead the
            # next range or a closing word (9:00-17:00，周日休息).
            postfix = (
                cur is not None
                and cur.ranges
                and cur.days is None
                and following not in ("range", "allday", "closed")
                and (in_paren or following in (None, "sep"))
            )
            if postfix:
                cur.days, cur.sealed = days, True
            elif cur is not None and not cur.ranges and cur.days is not None and not cur.sealed:
                cur.days |= days  # 周六、周日 休息 / 周一至周五，周日 9:00-17:00
            else:
                cur = _Group(days)
                groups.append(cur)
        elif kind in ("range", "allday"):
            if cur is None or cur.sealed or cur.closed:
                cur = _Group()
                groups.append(cur)
            cur.ranges.append(tok[1] if kind == "range" else (0, 24 * 60))
        elif kind == "closed":
            if cur is not None and cur.days is not None and not cur.ranges:
                cur.closed = cur.sealed = True
            else:
                unread.append(tok[1])  # 休息 with no day before it: whose rest day?
    return groups, unread


def parse_hours(s) -> tuple[list[dict], bool]:
    """Structured opening hours and the open-24-hours flag from the 开放时间 cell.

    Slots are described in the module's docstring. Ranges without days apply to every day
    the clerk did not give other hours or a closing day (``9:00-17:00，周日休息`` is Monday
    to Saturday). Text that is not read raises ParseError, as does an ambiguous range.
    """
    text = fold_text(s)
    if not text:
        raise ParseError(_("The opening hours are missing."))
    all_groups, unread = _groups(text)
    if any(g.days is not None and not g.ranges and not g.closed for g in all_groups):
        unread.append(_("days without hours"))
    groups = [g for g in all_groups if g.ranges or g.closed]
    if not any(g.ranges for g in groups):
        raise ParseError(
            _("“%(value)s” is not readable as opening hours, for example 9:00-17:00.")
            % {"value": text}
        )
    if unread:
        raise ParseError(
            _(
                "“%(value)s”: “%(unread)s” cannot be read as opening hours. Write only days and "
                "times, for example 周一至周五 9:00-17:00；周六 10:00-16:00."
            )
            % {"value": text, "unread": "".join(unread)}
        )
    named: set[int] = set()
    for g in groups:
        named |= g.days or set()
    per_day: dict[int, list[tuple[int, int]]] = {d: [] for d in EVERY_DAY}
    for g in groups:
        if g.closed:
            continue
        days = g.days if g.days is not None else set(EVERY_DAY) - named
        for start, end in g.ranges:
            if start == end:
                raise ParseError(
                    _("“%(value)s”: a time range must end after it starts.") % {"value": text}
                )
            # Overnight: kept as one range of its opening day, its end past midnight.
            span = (start, end) if end > start else (start, end + _DAY)
            for day in days:
                per_day[day].append(span)
    merged = {day: _merge(ranges) for day, ranges in per_day.items()}
    open_24h = all(ranges == [(0, _DAY)] for ranges in merged.values())
    return _slots(merged), open_24h


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching ranges of one day as one; an end past 24:00 is overnight."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    # A day open from midnight and on past the next midnight is simply open all day.
    return [(start, min(end, _DAY) if end - start >= _DAY else end) for start, end in out]


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _slots(per_day: dict[int, list[tuple[int, int]]]) -> list[dict]:
    """Group days that share the same range into one slot, in weekday order."""
    by_range: dict[tuple[int, int], list[int]] = {}
    for day in EVERY_DAY:
        for rng in per_day[day]:
            by_range.setdefault(rng, []).append(day)
    slots = [
        {"days": days, "start": _hhmm(start), "end": _hhmm(end if end <= _DAY else end - _DAY)}
        for (start, end), days in by_range.items()
    ]
    return sorted(slots, key=lambda s: (s["days"][0], s["start"]))


def _clock(text: str) -> int:
    hours, _colon, minutes = text.partition(":")
    return int(hours) * 60 + int(minutes)


def is_overnight(slot: dict) -> bool:
    """The slot closes the next day (22:00 to 06:00)."""
    return _clock(slot["end"]) < _clock(slot["start"])


def open_at(slots: list[dict], open_24h: bool, weekday: int, minute: int) -> bool:
    """Whether hours are open on ``weekday`` (Monday = 0) at ``minute`` after midnight.

    Reads overnight slots, and the evening-plus-morning pairs older records hold.
    """
    if open_24h:
        return True
    yesterday = (weekday - 1) % 7
    for slot in slots:
        start, end = _clock(slot["start"]), _clock(slot["end"])
        if end > start:
            if weekday in slot["days"] and start <= minute < end:
                return True
        elif (weekday in slot["days"] and minute >= start) or (
            yesterday in slot["days"] and minute < end
        ):
            return True
    return False


def _day_label(day: int) -> str:
    return [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")][day]


def day_runs(days) -> list[list[int]]:
    """[0, 1, 2, 4] -> [[0, 1, 2], [4]]: consecutive days together (also written as OSM
    opening_hours by stations/osm_hours.py)."""
    runs: list[list[int]] = []
    for day in sorted(set(days)):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _days_label(days: list[int]) -> str:
    days = sorted(set(days))
    if days == list(EVERY_DAY):
        return _("Every day")
    parts = []
    for run in day_runs(days):
        if len(run) >= 3:
            parts.append(
                _("%(first)s to %(last)s")
                % {"first": _day_label(run[0]), "last": _day_label(run[-1])}
            )
        else:
            parts.extend(_day_label(d) for d in run)
    return pgettext("list of weekdays", ", ").join(parts)


def format_hours(slots: list[dict], open_24h: bool) -> str:
    """Opening hours for display: “Mon to Fri 09:00–17:00; Sat 10:00–16:00”."""
    if open_24h:
        return _("Open 24 hours")
    if not slots:
        return ""
    by_days: dict[tuple[int, ...], list[str]] = {}
    for slot in slots:
        key = tuple(sorted(slot["days"]))
        end = slot["end"]
        if is_overnight(slot):
            end = _("next day %(time)s") % {"time": end}
        by_days.setdefault(key, []).append(f"{slot['start']}–{end}")
    return pgettext("opening hours", "; ").join(
        _("%(days)s %(ranges)s")
        % {"days": _days_label(list(days)), "ranges": pgettext("time ranges", ", ").join(ranges)}
        for days, ranges in by_days.items()
    )
