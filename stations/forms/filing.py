"""The online filing form (附件1): the unit rows, then one station at a time."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unions.models import CarrierType, HostUnit
from unions.params import id_param

from ..datum import Datum, parse_position, to_wgs84
from ..excel.layout import coordinate_order
from ..models import FORM_FACILITIES, Facility, FilingForm, Service, Station
from ..parsing import ParseError, parse_hours, parse_mobile
from ..validation import (
    city_bounds,
    default_audience,
    duplicate_message,
    registered_duplicates,
    station_row_problems,
    unit_name_problem,
)
from .uploads import ScanField


class FilingHeaderForm(forms.ModelForm):
    signed_scan = ScanField(label=_("signed and stamped scan"), required=False)

    class Meta:
        model = FilingForm
        fields = ["unit_name", "head_name", "head_email", "head_phone", "signed_scan"]

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.union = union

    def clean_unit_name(self):
        unit_name = self.cleaned_data["unit_name"].strip()
        message = unit_name_problem(self.union, unit_name)
        if message:
            raise forms.ValidationError(message)
        return unit_name


class StationForm(forms.ModelForm):
    """One row of 附件1 plus the registry's fields. Hours are typed as on paper and parsed."""

    services = forms.MultipleChoiceField(
        label=_("service items"),
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    facilities = forms.MultipleChoiceField(
        label=_("facilities (6+X)"),
        choices=FORM_FACILITIES,
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
    # Every way a position comes in says its datum; it is stored in WGS-84 (stations/datum.py).
    datum = forms.ChoiceField(
        label=_("datum of the coordinates"),
        choices=Datum.choices,
        initial=Datum.WGS84,
        # A post without it (a client older than the choice) means what was stored: WGS-84.
        required=False,
        help_text=_(
            "The map the numbers come from: Amap and Tencent give GCJ-02, Baidu BD-09, GPS "
            "WGS-84. They are kept in WGS-84."
        ),
    )
    pasted_position = forms.CharField(
        label=_("or paste a map link or coordinates"),
        max_length=2000,
        required=False,
        help_text=_(
            "A share link from Amap, Baidu or Tencent Maps (its own datum is used), a geo: "
            "link, or the two numbers in the datum chosen above; it replaces the longitude "
            "and latitude."
        ),
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
            # In the Excel template's order (coordinate_order): longitude, then latitude.
            "longitude",
            "latitude",
        ]
        labels = {
            # 附件1's column header; 站长 is the role's name elsewhere in the document.
            "head_name": _("Person in charge of the station"),
            "services_other": _("Which other services"),
        }

        help_texts = {
            "opening_hours_text": _("For example 9:00-17:00, or 9:00-17:00（周一至周五）."),
            "area_m2": _("About 3 m² is the standard."),
        }

    def __init__(self, *args, union, filing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.union = union
        self.fields["district"].choices = [("", "---------")] + [(d, d) for d in settings.DISTRICTS]
        if union.district and not self.initial.get("district") and not self.instance.pk:
            self.initial["district"] = union.district
        host_unit = self.fields["host_unit"]
        host_unit.queryset = HostUnit.objects.filter(union=union)
        host_unit.required = False
        # The list offers the units of this filing's stations and the station's own, never
        # the union's every unit (1,250 for a district union at national size, 90 KB of
        # <select> on every station form: issue 26); any other is typed by its name below,
        # which finds the union's unit of that name or makes it (save()).
        filing = filing or (self.instance.filing if self.instance.pk else None)
        offered = Q(pk=self.instance.host_unit_id) if self.instance.host_unit_id else Q()
        if filing is not None:
            offered |= Q(pk__in=filing.stations.values("host_unit_id"))
        if self.is_bound and id_param(self.data.get("host_unit")) is not None:
            offered |= Q(pk=id_param(self.data["host_unit"]))
        units = host_unit.queryset.filter(offered).order_by("name") if offered else []
        host_unit.widget.choices = [("", host_unit.empty_label)] + [
            (unit.pk, host_unit.label_from_instance(unit)) for unit in units
        ]
        self.fields["carrier_type"].choices = CarrierType.choices
        if not self.instance.pk:
            self.initial.setdefault("audience", default_audience(union))
        # A station stored with the old toilet facility shows it where the form asks now.
        if Facility.OPEN_TOILET in (self.instance.facilities or []):
            self.initial["toilet_open"] = self.instance.offers_toilet
            self.initial["facilities"] = [
                f for f in self.instance.facilities if f != Facility.OPEN_TOILET
            ]

    @property
    def other_service_value(self) -> str:
        return Service.OTHER.value

    @property
    def coordinate_fields(self) -> list[forms.BoundField]:
        return [self[key] for key in coordinate_order()]

    @property
    def location_picker(self) -> dict:
        """What station_form.js needs for its map: the tiles (none in tests: blank ground)
        and where to start when no coordinates are typed yet. The map keeps to the city's
        box (the one the rules check), so a click cannot land where saving would fail."""
        latitude, longitude = settings.CITY_CENTER
        (south, north), (west, east) = city_bounds()
        return {
            "bounds": f"{south},{west},{north},{east}",
            "tile_url": settings.MAP_TILE_URL,
            "tile_datum": settings.MAP_TILE_DATUM,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "center_lat": latitude,
            "center_lng": longitude,
        }

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

    def _clean_position(self, data: dict) -> None:
        """The coordinates in WGS-84, from a pasted link or pair or from the two boxes in the
        chosen datum; what was typed stays in the boxes if the form comes back."""
        datum = data.get("datum") or Datum.WGS84
        pasted = data.get("pasted_position", "").strip()
        if pasted:
            try:
                position = parse_position(pasted, datum)
            except ParseError as exc:
                self.add_error("pasted_position", str(exc))
                return
            data["latitude"], data["longitude"] = to_wgs84(
                position.lat, position.lng, position.datum
            )
            # What was pasted replaces the boxes, so their own complaints no longer apply.
            for key in ("latitude", "longitude"):
                self.errors.pop(key, None)
        elif data.get("latitude") is not None and data.get("longitude") is not None:
            data["latitude"], data["longitude"] = to_wgs84(
                data["latitude"], data["longitude"], datum
            )

    def clean(self):
        data = super().clean()
        self._clean_position(data)
        # The rules shared with the Excel import (stations/validation.py). A field that
        # failed its own validation is absent from data and passed as None: not judged twice.
        for problem in station_row_problems(
            area_m2=data.get("area_m2"),
            services=data.get("services") if "services" in data else None,
            services_other=data.get("services_other", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            planned_completion=data.get("planned_completion"),
            union=self.union,
            district=data.get("district"),
        ):
            self.add_error(problem.field, problem.message)
        name, address = data.get("name"), data.get("address")
        if (
            name
            and address
            and registered_duplicates(
                union=self.union, keys=[(name, address)], exclude_pk=self.instance.pk
            )
        ):
            self.add_error("name", duplicate_message())
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
