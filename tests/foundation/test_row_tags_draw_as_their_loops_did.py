"""Rows drawn by template tags instead of the template loops they replaced (issue 26)
come out as those loops drew them, byte for byte: each loop below is the template text as
it was before (git c4fb3f6), drawn beside its tag over rows that take every branch (empty
lists, markup in every name, each optional part present and absent), in both languages.
The check list's rows have their own test (tests/inspections/test_check_list_rows_...).
"""

from __future__ import annotations

# fmt: off
LOOPS = {
    'PROGRESS': ('  {% for row in progress.unions %}\n  <tr><td>{{ row.union.name }}</td>{% for done, allocated in row.cell_list %}<td{% if done >= allocated and allocated %} class="text-success"{% endif %}>{{ done }} / {{ allocated }}</td>{% endfor %}\n    <td>{{ row.stations }}</td><td>{{ row.spent }}</td></tr>\n  {% empty %}\n  <tr><td colspan="99" class="text-muted">{% translate "Nothing allocated yet." %}</td></tr>\n  {% endfor %}\n', '  {% campaign_progress_rows progress.unions %}\n', 'campaign_tags'),  # noqa: E501
    'ALLOCATION': ('  {% for union, cells in allocation_rows %}\n  <tr><td>{{ union.name }}</td>{% for good, quantity in cells %}<td><input class="form-control form-control-sm" type="number" min="0" inputmode="numeric" name="alloc_{{ union.pk }}_{{ good.pk }}" value="{{ quantity }}" aria-label="{{ union.name }} {{ good.name }}"></td>{% endfor %}</tr>\n  {% endfor %}\n', '  {% campaign_allocation_rows allocation_rows %}\n', 'campaign_tags'),  # noqa: E501
    'DELIVERIES': ('  {% for d in deliveries %}\n  <li class="border-bottom py-1"><span class="fw-semibold">{{ d.station.name }}</span> <span class="text-muted small">{{ d.station.plaque_number }} · {{ d.delivered_on|date:"Y-m-d" }} · {% translate "received by" %} {{ d.received_by }}{% if d.photo %} · {% translate "photo on file" %}{% endif %}{% if d.corrects_id %} · {% translate "correction" %}：{{ d.reason }}{% endif %}</span></li>\n  {% empty %}\n  <li class="text-muted">{% translate "No delivery recorded yet." %}</li>\n  {% endfor %}\n', '  {% campaign_delivery_rows deliveries %}\n', 'campaign_tags'),  # noqa: E501
    'PLAN': ('  {% for v in page %}<div class="list-group-item"><strong>{{ v.station.name }}</strong> <span class="small text-muted">{{ v.station.plaque_number }} · {{ v.district }} · {{ v.union }}</span><div class="small">{% translate "Inspector" %}: {{ v.inspector.username }}</div></div>\n  {% empty %}<div class="list-group-item text-muted">{% translate "No visit." %}</div>{% endfor %}', '  {% plan_visit_rows page %}', 'plan_tags'),  # noqa: E501
    'DUE': ('    {% for station in page %}\n    <li class="card card-body mb-2" data-testid="due-row">\n      <div class="d-flex gap-2 align-items-start">\n        {% if may_confirm %}<label class="queue-check flex-shrink-0" for="due-{{ station.pk }}"><input class="form-check-input" type="checkbox" name="station" value="{{ station.pk }}" id="due-{{ station.pk }}"{% if station.pk in ticked %} checked{% endif %} aria-label="{{ station.name }}"></label>{% endif %}\n        <div class="flex-grow-1">\n          <a class="fw-semibold" href="{% url \'stations:staff_detail\' station.pk %}">{{ station.name }}</a>\n          <span class="text-muted small">{{ station.plaque_number }}{% if not may_confirm %} · {{ station.union.name }}{% endif %}</span>\n          <div class="small">{{ station.address }} · {{ station.opening_hours_text }}</div>\n          <div class="small">\n            {% if station.confirmed_on %}{% blocktranslate with day=station.confirmed_on|date:"Y-m-d" %}Last confirmed {{ day }}{% endblocktranslate %}{% else %}{% translate "Never confirmed" %}{% endif %}\n            {% if station.reported_closed_on %}<span class="badge bg-danger ms-1">{% blocktranslate with day=station.reported_closed_on|date:"Y-m-d" %}Reported closed during posted hours ({{ day }}){% endblocktranslate %}</span>{% endif %}\n            {% if station.reported_closed_on or not station.confirmed_on or station.confirmed_on < doubtful_before %}<span class="badge bg-warning text-dark ms-1" data-testid="shown-doubtful">{% translate "The public page says: details to be verified" %}</span>{% endif %}\n          </div>\n        </div>\n      </div>\n    </li>\n    {% empty %}\n    <li class="text-muted">{% translate "Every listing is confirmed." %}</li>\n    {% endfor %}\n', '    {% listing_due_rows page may_confirm ticked doubtful_before %}\n', 'freshness_tags'),  # noqa: E501
    'UNIONS': ('{% for u in unions %}\n    <tr data-testid="union-row" data-union="{{ u.union.code }}"><td>{{ u.rank|default:"—" }}{% rank_move u.rank u.previous_rank %}</td><td>{{ u.union.name }}</td><td>{{ u.stations_checked }} / {{ u.stations }}</td><td>{{ u.checked_share|score }}%</td><td data-testid="union-mean">{{ u.mean_score|score }}</td><td>{% score_delta u.mean_score u.previous_score %}</td>\n      <td>{{ u.red_line_stations }}</td><td>{{ u.self_checks }} · {{ u.self_mean|score }}</td><td>{{ u.peer_reviews }} · {{ u.peer_mean|score }}</td><td data-testid="union-gap">{{ u.self_gap|signed }}</td></tr>\n  {% endfor %}', '{% assessment_union_rows unions %}', 'rankings_tags'),  # noqa: E501
    'STATIONS': ('{% for s in page %}\n    <tr data-testid="station-row" data-plaque="{{ s.station.plaque_number }}"><td>{{ s.rank|default:"—" }}{% rank_move s.rank s.previous_rank %}</td>\n      <td>{{ s.station.plaque_number }} {{ s.station.name }}<br><small class="text-muted">{{ s.union.name }} · {{ s.district }}</small>{% if s.under_appeal %} <span class="badge bg-warning text-dark">{% translate "under appeal" %}</span>{% endif %}{% if s.red_line %}<br><span class="badge bg-danger">{% translate "Failed" context "quarter result" %}</span> <small class="text-danger">{{ s.red_lines|default:_("red line") }}</small>{% endif %}</td>\n      <td>{{ s.independent_checks }}</td><td>{{ s.inspection_score|score }}</td>\n      <td>{{ s.satisfaction|score }} <small class="text-muted">({{ s.feedback_count }})</small></td>\n      <td>{{ s.timeliness|score }}</td><td>{% if s.score is None %}<span class="text-muted">{% translate "not checked this quarter" %}</span>{% else %}<strong>{{ s.score|score }}</strong>{% endif %}</td><td>{% score_delta s.score s.previous_score %}</td>\n      <td>{{ s.self_checks }} · {{ s.self_mean|score }}</td><td>{{ s.peer_reviews }} · {{ s.peer_mean|score }}</td><td>{{ s.self_gap|signed }}</td></tr>\n  {% endfor %}', '{% assessment_station_rows page %}', 'rankings_tags'),  # noqa: E501
    'ITEMS': ('      {% for item, answer, note in rows %}\n      <div class="check-item" data-item="{{ item.code }}">\n        <div class="d-flex justify-content-between gap-2">\n          <span class="item-label" id="label-{{ item.code }}">{{ item.label }}</span>\n          {% if item.red_line %}<span class="item-red">{% translate "red line" %}</span>{% endif %}\n        </div>\n        {% if item.guidance %}<div class="small text-muted">{{ item.guidance }}</div>{% endif %}\n        <div class="answer-pair" role="radiogroup" aria-labelledby="label-{{ item.code }}">\n          <input type="radio" class="btn-check" name="item_{{ item.code }}" id="met-{{ item.code }}" value="met" autocomplete="off"{% if answer.value == "met" %} checked{% endif %}>\n          <label class="btn btn-outline-success" for="met-{{ item.code }}">{% translate "Met" %}</label>\n          <input type="radio" class="btn-check" name="item_{{ item.code }}" id="notmet-{{ item.code }}" value="not_met" autocomplete="off"{% if answer.value == "not_met" %} checked{% endif %}>\n          <label class="btn btn-outline-danger" for="notmet-{{ item.code }}">{% translate "Not met" %}</label>\n        </div>\n        <div class="invalid-feedback d-block" data-error-for="item_{{ item.code }}">{{ answer.errors|join:" " }}</div>\n        <input type="text" class="form-control form-control-sm note-input" name="note_{{ item.code }}" value="{{ note.value|default_if_none:\'\' }}" maxlength="500" aria-label="{% blocktranslate with label=item.label %}Note on {{ label }}{% endblocktranslate %}" placeholder="{% translate \'Note (optional)\' %}">\n      </div>\n      {% endfor %}\n', '      {% check_item_rows rows %}\n', 'check_form_tags'),  # noqa: E501
    'DIRECTORY': ('{% load icons stations_tags %}      {% for entry in entries %}{% with s=entry.station %}\n      <li class="card mb-2 shadow-sm" data-testid="station-entry" data-plaque="{{ s.plaque_number }}" data-open="{{ entry.open_now|yesno:\'yes,no,unknown\' }}">\n        <div class="card-body py-2 px-3">\n          <div class="d-flex justify-content-between align-items-start gap-2">\n            <h2 class="h6 mb-1"><a class="stretched-link text-decoration-none" href="{% url \'stations:public_detail\' s.plaque_number %}">{{ s.name }}</a></h2>\n            {% if entry.distance_km is not None %}<span class="badge text-bg-light border flex-shrink-0" data-testid="distance">{{ entry.distance_km|distance }}</span>{% endif %}\n          </div>\n          <div class="small text-muted">{{ s.district }} {{ s.address }}</div>\n          <div class="small mt-1">\n            {% if entry.open_now %}<span class="badge text-bg-success">{% translate "Open now" %}</span>{% elif entry.open_now is False %}<span class="badge text-bg-secondary">{% translate "Closed now" %}</span>{% endif %}\n            {% if "heat" in entry.alert_modes %}<span class="badge text-bg-danger" data-testid="alert-mode">{% translate "Cooling mode" %}</span>{% endif %}\n            {% if "cold" in entry.alert_modes %}<span class="badge text-bg-info" data-testid="alert-mode">{% translate "Warming mode" %}</span>{% endif %}\n            {% if entry.closure %}<span class="badge text-bg-warning" data-testid="closed-temporarily">{% translate "Temporarily closed" %}</span>{% endif %}\n            {% if s.is_rectifying %}<span class="badge text-bg-warning">{% translate "Improving its service" %}</span>{% endif %}\n            <span class="text-muted">{{ s.opening_hours_text }}</span>\n          </div>\n          <ul class="list-inline small mb-0 mt-1 text-relay-dark">\n            {% for icon_name, label in s|service_items %}<li class="list-inline-item">{% icon_ref icon_name %} {{ label }}</li>{% endfor %}\n          </ul>\n        </div>\n      </li>\n      {% endwith %}{% empty %}\n      <li class="alert alert-info" data-testid="directory-empty">{% translate "No station matches. Try another district or fewer filters." %}</li>\n      {% endfor %}\n', '      {% directory_rows entries %}\n', 'directory_tags'),  # noqa: E501
    'OPTIONS': ('          {% for s in rows %}\n          <option value="{{ s.id }}" data-kinds="{{ s.kinds|join:\' \' }}" data-lat="{{ s.latitude }}" data-lng="{{ s.longitude }}" data-plaque="{{ s.plaque_number }}" data-district="{{ s.district }}" data-address="{{ s.address }}" data-name="{{ s.name }}" data-planned="{{ s.planned|yesno:\'1,\' }}"{% if selected_station == s.id|stringformat:"s" %} selected{% endif %}>{% if s.planned %}★ {% endif %}{{ s.name }}{% if s.plaque_number %} · {{ s.plaque_number }}{% endif %}</option>\n          {% endfor %}\n', '          {% station_options rows selected_station %}\n', 'check_form_tags'),  # noqa: E501
}
# fmt: on

import datetime as dt  # noqa: E402
from decimal import Decimal  # noqa: E402
from types import SimpleNamespace as Row  # noqa: E402

import pytest  # noqa: E402
from django import forms  # noqa: E402
from django.template import Context, Template  # noqa: E402
from django.utils.translation import override  # noqa: E402

MARKUP = '<b>"名"</b> & 店'


class Named:
    """Shown by its str, as a model is (``{{ v.union }}``)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name


def _campaign():
    union = Row(pk=3, name=MARKUP, code="hp")
    good = Row(pk=9, name="矿泉水<瓶>")
    return {
        "progress": Row(
            unions=[
                Row(
                    union=union,
                    cell_list=[(3, 5), (5, 5), (0, 0), (7, 5)],
                    stations=4,
                    spent=Decimal("12.50"),
                ),
                Row(union=Row(name="浦东"), cell_list=[], stations=0, spent=Decimal("0")),
            ]
        ),
        "allocation_rows": [(union, [(good, 12), (Row(pk=10, name="毛巾"), 0)])],
        "deliveries": [
            Row(
                station=Row(name=MARKUP, plaque_number="SH00001"),
                delivered_on=dt.date(2026, 7, 1),
                received_by="<i>王</i>",
                photo="",
                corrects_id=None,
                reason="",
            ),
            Row(
                station=Row(name="二号", plaque_number="SH00002"),
                delivered_on=dt.date(2026, 7, 2),
                received_by="李",
                photo="deliveries/a.jpg",
                corrects_id=5,
                reason="数量<错>",
            ),
        ],
    }


def _plan():
    inspector = Row(username="insp<1>")
    return {
        "page": [
            Row(
                station=Row(name=MARKUP, plaque_number="SH00003"),
                district="黄浦区",
                union=Named("黄浦区总工会<>"),
                inspector=inspector,
            ),
        ]
    }


def _due(may_confirm: bool):
    stations = [
        Row(
            pk=1,
            name=MARKUP,
            plaque_number="SH1",
            union=Row(name="金融<工会>"),
            address="路1号",
            opening_hours_text="9:00-17:00",
            confirmed_on=dt.date(2026, 1, 2),
            reported_closed_on=None,
        ),
        Row(
            pk=2,
            name="二",
            plaque_number="SH2",
            union=Row(name="邮政"),
            address="路&2号",
            opening_hours_text="24小时",
            confirmed_on=None,
            reported_closed_on=dt.date(2026, 11, 30),
        ),
        Row(
            pk=3,
            name="三",
            plaque_number="SH3",
            union=Row(name="邮政"),
            address="路3号",
            opening_hours_text="",
            confirmed_on=dt.date(2026, 11, 1),
            reported_closed_on=None,
        ),
    ]
    return {
        "page": stations,
        "may_confirm": may_confirm,
        "ticked": {2},
        "doubtful_before": dt.date(2026, 6, 1),
    }


def _assessment(previous: bool):
    def extra(rank, score):
        return {"previous_rank": rank, "previous_score": score} if previous else {}

    unions = [
        Row(
            union=Row(code="f&b", name=MARKUP),
            rank=1,
            stations_checked=3152,
            stations=7851,
            checked_share=Decimal("40.149"),
            mean_score=Decimal("78.875"),
            red_line_stations=75,
            self_checks=3988,
            self_mean=Decimal("76.03"),
            peer_reviews=0,
            peer_mean=None,
            self_gap=Decimal("-2.5"),
            **extra(3, Decimal("70.1")),
        ),
        Row(
            union=Row(code="hk", name="虹口"),
            rank=None,
            stations_checked=0,
            stations=0,
            checked_share=None,
            mean_score=None,
            red_line_stations=0,
            self_checks=0,
            self_mean=None,
            peer_reviews=2,
            peer_mean=Decimal("91"),
            self_gap=None,
            **extra(None, None),
        ),
    ]
    stations = [
        Row(
            station=Row(plaque_number="SH9", name=MARKUP),
            rank=2,
            union=Row(name="金融"),
            district="普陀区",
            under_appeal=True,
            red_line=True,
            red_lines="饮水<中断>",
            independent_checks=2,
            inspection_score=Decimal("98.72"),
            satisfaction=None,
            feedback_count=0,
            timeliness=Decimal("100"),
            score=Decimal("98.88"),
            self_checks=1,
            self_mean=Decimal("90"),
            peer_reviews=0,
            peer_mean=None,
            self_gap=Decimal("8.88"),
            **extra(5, Decimal("97")),
        ),
        Row(
            station=Row(plaque_number="SH10", name="十"),
            rank=None,
            union=Row(name="邮政"),
            district="",
            under_appeal=False,
            red_line=True,
            red_lines="",
            independent_checks=0,
            inspection_score=None,
            satisfaction=Decimal("4.5"),
            feedback_count=7,
            timeliness=None,
            score=None,
            self_checks=0,
            self_mean=None,
            peer_reviews=0,
            peer_mean=None,
            self_gap=None,
            **extra(1, Decimal("99")),
        ),
    ]
    return {"unions": unions, "page": stations}


class _Items(forms.Form):
    item_a = forms.ChoiceField(choices=[("met", "met"), ("not_met", "not met")])
    note_a = forms.CharField(required=False)
    item_b = forms.ChoiceField(choices=[("met", "met"), ("not_met", "not met")])
    note_b = forms.CharField(required=False)
    item_c = forms.ChoiceField(choices=[("met", "met"), ("not_met", "not met")], required=False)
    note_c = forms.CharField(required=False)


def _items():
    form = _Items({"item_a": "met", "note_a": '门口"<无>"', "item_b": "<坏>bogus"})
    form.is_valid()
    items = [
        Row(code="a", label=MARKUP, red_line=True, guidance="看<门口>"),
        Row(code="b", label="饮水", red_line=False, guidance=""),
        Row(code="c", label="充电", red_line=False, guidance="插座"),
    ]
    rows = [(item, form[f"item_{item.code}"], form[f"note_{item.code}"]) for item in items]
    return {"rows": rows}


def _directory():
    def station(plaque, name, services, other="", status="active"):
        return Row(
            plaque_number=plaque,
            name=name,
            district="黄浦区",
            address="南京东路<1号> & 2号",
            opening_hours_text="9:00-17:00 <午休>",
            services=services,
            services_other=other,
            is_rectifying=status == "rectifying",
        )

    entries = [
        Row(
            station=station("SH00001", MARKUP, ["water", "charging", "other"], other="<雨伞>"),
            open_now=True,
            distance_km=0.3456,
            closure=None,
            alert_modes=("heat",),
        ),
        Row(
            station=station("SH00002", "二号", [], status="rectifying"),
            open_now=False,
            distance_km=12.34,
            closure=Row(reason="装修"),
            alert_modes=("cold", "heat"),
        ),
        Row(
            station=station("SH 3?#&<", "三号", ["rest_toilet", "bogus"]),
            open_now=None,
            distance_km=None,
            closure=None,
            alert_modes=(),
        ),
    ]
    return {"entries": entries}


def _options(selected: str):
    """The check form's chooser rows (inspections.checks.selectors._rows), markup in each."""
    rows = [
        {
            "id": 12,
            "name": MARKUP,
            "plaque_number": "SH<12>&",
            "district": '黄浦"区',
            "address": "路'1'号 <b>",
            "latitude": "31.2304",
            "longitude": "121.4737",
            "kinds": ["flying", "undercover"],
            "planned": True,
        },
        {
            "id": 7,
            "name": "二号",
            "plaque_number": "",
            "district": "徐汇区",
            "address": "",
            "latitude": "",
            "longitude": "",
            "kinds": [],
            "planned": False,
        },
    ]
    return {"rows": rows, "selected_station": selected}


CONTEXTS = {
    "DIRECTORY": [_directory(), {"entries": []}],
    "PROGRESS": [_campaign(), {"progress": Row(unions=[])}],
    "ALLOCATION": [_campaign(), {"allocation_rows": []}],
    "DELIVERIES": [_campaign(), {"deliveries": []}],
    "PLAN": [_plan(), {"page": []}],
    "DUE": [_due(True), _due(False), {**_due(True), "page": []}],
    "UNIONS": [_assessment(True), _assessment(False)],
    "STATIONS": [_assessment(True), _assessment(False)],
    "ITEMS": [_items()],
    "OPTIONS": [_options("12"), _options(""), {"rows": [], "selected_station": "12"}],
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("name", sorted(LOOPS))
def test_the_tag_draws_what_the_loop_drew(name, language):
    before, after, library = LOOPS[name]
    loop = Template("{% load i18n rankings_tags %}" + before)
    tag = Template("{% load " + library + " %}" + after)
    with override(language):
        for n, values in enumerate(CONTEXTS[name]):
            drawn = loop.render(Context(values))
            assert tag.render(Context(values)) == drawn, (name, n)
            if n == 0:  # the first context's rows take the branches
                assert "<" in drawn
