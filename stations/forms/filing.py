"""The online filing form (附件1): the unit rows, then one station at a time."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from unions.models import CarrierType, HostUnit

from ..models import Facility, FilingForm, Service, Station
from ..parsing import ParseError, parse_hours, parse_mobile
from .uploads import ScanField


class FilingHeaderForm(forms.ModelForm):
    signed_scan = ScanField(label=_("signed and stamped scan"), required=False)

    class Meta:
        model = FilingForm
        fields = ["unit_name", "head_name", "head_email", "head_phone", "signed_scan"]


class StationForm(forms.ModelForm):
    """One row of 附件1 plus the registry's fields. Hours are typed as on paper and parsed."""

    services = forms.MultipleChoiceField(
        label=_("service items"),
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    facilities = forms.MultipleChoiceField(
        label=_("facilities (6+X)"),
        choices=Facility.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    district = forms.ChoiceField(label=_("district"))
    new_host_unit = forms.CharField(
        label=_("or a new host unit"),
        max_length=200,
        required=False,
        help_text=_("Type the unit's name if it is not in the list yet."),
    )
    planned_completion = forms.DateField(
        label=_("planned completion"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Station
        fields = [
            "name",
            "address",
            "district",
            "head_name",
            "head_mobile",
            "opening_hours_text",
            "area_m2",
            "services",
            "services_other",
            "planned_completion",
            "carrier_type",
            "host_unit",
            "new_host_unit",
            "audience",
            "facilities",
            "step_free",
            "toilet_open",
            "open_24h",
            "latitude",
            "longitude",
        ]
        help_texts = {
            "opening_hours_text": _("For example 9:00-17:00, or 9:00-17:00（周一至周五）."),
            "area_m2": _("About 3 m² is the standard."),
        }

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.union = union
        self.fields["district"].choices = [("", "---------")] + [(d, d) for d in settings.DISTRICTS]
        if union.district and not self.initial.get("district") and not self.instance.pk:
            self.initial["district"] = union.district
        self.fields["host_unit"].queryset = HostUnit.objects.filter(union=union)
        self.fields["host_unit"].required = False
        self.fields["carrier_type"].choices = CarrierType.choices
        if union.code == "greening" and not self.instance.pk:
            # 市绿化市容行业工会 files sanitation-workers stations (source document, 二).
            self.initial.setdefault("audience", "sanitation")

    def clean_head_mobile(self):
        try:
            return parse_mobile(self.cleaned_data["head_mobile"])
        except ParseError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_opening_hours_text(self):
        text = self.cleaned_data["opening_hours_text"]
        try:
            self._hours, self._open_24h = parse_hours(text)
        except ParseError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return text.strip()

    def clean_area_m2(self):
        area = self.cleaned_data["area_m2"]
        if area is not None and area <= 0:
            raise forms.ValidationError(_("The area must be more than 0 m²."))
        return area

    def clean(self):
        data = super().clean()
        if Service.OTHER in data.get("services", []) and not data.get("services_other"):
            self.add_error("services_other", _("Please describe the other services."))
        lat, lng = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lng is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        if lat is not None and not (30.6 <= float(lat) <= 31.9 and 120.8 <= float(lng) <= 122.2):
            self.add_error("latitude", _("These coordinates are outside Shanghai."))
        name, address = data.get("name"), data.get("address")
        if name and address:
            dupes = Station.objects.filter(name=name.strip(), address=address.strip()).exclude(
                status="rejected"
            )
            if self.instance.pk:
                dupes = dupes.exclude(pk=self.instance.pk)
            if dupes.exists():
                self.add_error(
                    "name", _("A station with this name and address is already registered.")
                )
        return data

    def save(self, commit=True):
        station = super().save(commit=False)
        station.opening_hours = getattr(self, "_hours", station.opening_hours)
        if getattr(self, "_open_24h", False):
            station.open_24h = True
        new_host = self.cleaned_data.get("new_host_unit", "").strip()
        if new_host:
            station.host_unit, _created = HostUnit.objects.get_or_create(
                union=self.union,
                name=new_host,
                defaults={"carrier_type": self.cleaned_data["carrier_type"]},
            )
        station.union = self.union
        if commit:
            station.save()
        return station


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
