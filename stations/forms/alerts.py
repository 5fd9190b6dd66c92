"""Forms of heat and cold alerts: the aid center declares one; a union records the hours its
station keeps under them (清凉模式 / 暖心模式), one box per alert level."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import AlertKind, AlertLevel
from ..services.alerts import check_alert_dates, read_entry

DATE = forms.DateInput(attrs={"type": "date"})


class AlertForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=AlertKind.choices)
    level = forms.TypedChoiceField(label=_("level"), choices=AlertLevel.choices, coerce=int)
    starts_on = forms.DateField(label=_("first day"), widget=DATE)
    ends_on = forms.DateField(label=_("until (inclusive)"), widget=DATE)
    note = forms.CharField(
        label=_("note"),
        max_length=200,
        required=False,
        help_text=_("Public, with the alert in the open data, e.g. 市气象台发布高温橙色预警."),
    )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on:
            check_alert_dates(starts_on, ends_on)  # the service's own rule
        if ends_on and ends_on < timezone.localdate():
            self.add_error("ends_on", _("An alert declared now cannot be over already."))
        return data


class AlertHoursForm(forms.Form):
    """The hours under one kind of alert, from each level up; empty boxes keep none."""

    kind = forms.ChoiceField(label=_("kind"), choices=AlertKind.choices)

    def __init__(self, *args, station, **kwargs):
        super().__init__(*args, **kwargs)
        self.station = station
        for level, label in AlertLevel.choices:
            self.fields[f"level_{level}"] = forms.CharField(
                label=_("From a %(level)s alert up") % {"level": label},
                max_length=100,
                required=False,
                help_text=_("e.g. 每天 7:00-22:00, or 24小时") if level == AlertLevel.BLUE else "",
            )

    def initial_for(self, kind: str) -> dict:
        entries = (self.station.alert_hours or {}).get(kind) or []
        return {f"level_{e.get('level')}": e.get("text", "") for e in entries}

    def clean(self):
        data = super().clean()
        self.entries = []
        for level in AlertLevel.values:
            text = (data.get(f"level_{level}") or "").strip()
            if not text:
                continue
            try:
                self.entries.append(read_entry(level, text))
            except ValidationError as error:
                self.add_error(f"level_{level}", error)
        return data
