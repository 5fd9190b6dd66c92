"""Scheduling a training session for station heads (issue 23, item 5)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import TrainingMode
from ..services.training import MAX_CAPACITY, training_rules


class TrainingSessionForm(forms.Form):
    topic = forms.CharField(
        label=_("topic"),
        max_length=100,
        help_text=_("e.g. 接力站服务规范与急救常识."),
    )
    held_on = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.TimeField(
        label=_("starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    ends_at = forms.TimeField(
        label=_("ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    mode = forms.ChoiceField(
        label=_("held"), choices=TrainingMode.choices, widget=forms.RadioSelect
    )
    place = forms.CharField(
        label=_("place"),
        max_length=200,
        required=False,
        help_text=_("The address or room, for a session held in person."),
    )
    online_link = forms.URLField(
        label=_("online meeting link"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=_("The meeting's link, for an online session."),
    )
    capacity = forms.IntegerField(label=_("places"), min_value=1, max_value=MAX_CAPACITY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("held_on", timezone.localdate())
        self.initial.setdefault("mode", TrainingMode.IN_PERSON)

    def clean(self):
        data = super().clean()
        for field, message in training_rules(
            held_on=data.get("held_on"),
            starts_at=data.get("starts_at"),
            ends_at=data.get("ends_at"),
            mode=data.get("mode", ""),
            place=data.get("place", ""),
            online_link=data.get("online_link", ""),
            capacity=None,  # the field's own bounds say it
        ).items():
            self.add_error(field, message)
        return data
