"""Forms of the check pages: the check itself (phone form and offline queue alike) and the
checklist editor. Every message the user sees is in the catalog (Chinese)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.models import Station
from unions.params import id_param

from ..permissions import check_may_log, kinds_for
from .caches import current_checklist
from .models import Checklist, InspectionKind, ItemGroup
from .selectors import loggable_anywhere
from .services.photos import MAX_PHOTOS, photo_facts

MET, NOT_MET = "met", "not_met"
# A phone may hold a check for days in a basement-heavy week; older than this is a mistake.
OLDEST_VISIT = dt.timedelta(days=30)
# Phones' clocks drift; a visit a few minutes "in the future" is still a visit now.
CLOCK_SLACK = dt.timedelta(minutes=10)


class CheckForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of check"))
    station = forms.ModelChoiceField(
        label=_("Station"),
        queryset=Station.objects.none(),
        error_messages={"invalid_choice": _("Choose a station you may check.")},
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    visited_at = forms.DateTimeField(label=_("Visited at"), required=False)
    checklist_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    latitude = forms.DecimalField(
        required=False, min_value=-90, max_value=90, max_digits=12, decimal_places=9
    )
    longitude = forms.DecimalField(
        required=False, min_value=-180, max_value=180, max_digits=12, decimal_places=9
    )
    accuracy_m = forms.IntegerField(required=False, min_value=0, max_value=100_000)
    note = forms.CharField(label=_("Overall note"), required=False, widget=forms.Textarea)
    # Several files under one name: checked one by one in clean(); this field only gives
    # their errors a place.
    photos = forms.FileField(label=_("Photos"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["kind"].choices = [(k, InspectionKind(k).label) for k in kinds_for(user)]
        # The stations of any of the user's kinds, as a query the chosen id is looked up in
        # (collecting the scope's ids read a city inspector's 190,000 on every request).
        self.fields["station"].queryset = loggable_anywhere(user, timezone.localdate())
        self.checklist, self.items = self._checklist()
        for item in self.items:
            self.fields[f"item_{item.code}"] = forms.ChoiceField(
                label=item.label,
                choices=[(MET, _("Met")), (NOT_MET, _("Not met"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose met or not met.")},
            )
            self.fields[f"note_{item.code}"] = forms.CharField(
                label=_("Note"), required=False, max_length=500
            )
        self.photos: list = []

    def _checklist(self) -> tuple[Checklist, list]:
        if not self.is_bound:
            # The form as drawn: the checklist in use, kept until a new version is saved.
            return current_checklist()
        # The version the phone's page was rendered with: a check keeps the checklist its
        # inspector saw, even if a new version was saved while the phone was offline. A
        # check being recorded reads it from the database.
        version = id_param(self.data.get("checklist_version"))
        found = None
        if version is not None:
            found = Checklist.objects.filter(version=version).first()
        checklist = found or Checklist.objects.current()
        return checklist, list(checklist.items.all())

    def grouped_items(self) -> list[tuple[str, list]]:
        groups: dict[str, list] = {}
        for item in self.items:
            groups.setdefault(item.group, []).append(
                (item, self[f"item_{item.code}"], self[f"note_{item.code}"])
            )
        return [(ItemGroup(g).label, rows) for g, rows in groups.items()]

    def clean_visited_at(self):
        value = self.cleaned_data.get("visited_at") or timezone.now()
        now = timezone.now()
        if value > now + CLOCK_SLACK:
            raise ValidationError(_("The visit time is in the future: check the phone's clock."))
        if value < now - OLDEST_VISIT:
            raise ValidationError(_("The visit was more than 30 days ago."))
        return value

    def clean(self):
        data = super().clean()
        station, kind = data.get("station"), data.get("kind")
        if station is not None and kind and "visited_at" in data:
            try:
                data["peer_pairing"] = check_may_log(self.user, station, kind, data["visited_at"])
            except ValidationError as exc:
                self.add_error("station", exc)
        files = self.files.getlist("photos") if self.files else []
        if len(files) > MAX_PHOTOS:
            self.add_error("photos", _("At most 10 photos per check."))
        messages: dict[str, None] = {}
        for upload in files:
            try:
                photo_facts(upload)
            except ValidationError as exc:
                messages.update(dict.fromkeys(exc.messages))
        for message in messages:
            self.add_error("photos", message)
        self.photos = files
        return data

    def findings(self) -> dict[str, tuple[bool, str]]:
        return {
            item.code: (
                self.cleaned_data[f"item_{item.code}"] == MET,
                self.cleaned_data.get(f"note_{item.code}", ""),
            )
            for item in self.items
        }


class ChecklistItemForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    group = forms.ChoiceField(label=_("Group"), choices=ItemGroup.choices)
    label = forms.CharField(label=_("Item"), max_length=200)
    guidance = forms.CharField(label=_("What to look for"), max_length=300, required=False)
    weight = forms.DecimalField(label=_("Weight"), max_digits=5, decimal_places=2, min_value=0.01)
    red_line = forms.BooleanField(label=_("Red line"), required=False)


ChecklistItemFormSet = forms.formset_factory(
    ChecklistItemForm, extra=1, can_delete=True, max_num=100, validate_max=True
)


class ChecklistNoteForm(forms.Form):
    note = forms.CharField(label=_("What changed"), max_length=200)
