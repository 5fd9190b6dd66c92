"""The campaign forms: open a campaign with its goods; record a delivery to a station."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import CampaignKind, Station
from .uploads import JPEG, MAX_SCAN_BYTES, PNG, read_scan_type

GOODS_ROWS = 6


class CampaignForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=CampaignKind.choices)
    title = forms.CharField(label=_("title"), max_length=100)
    starts_on = forms.DateField(
        label=_("first day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("until (inclusive)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    offer = forms.CharField(
        label=_("what workers can get"),
        max_length=300,
        help_text=_("Shown on the public pages, e.g. 绿豆汤、藿香正气水，凭工作证领取."),
    )
    budget = forms.DecimalField(
        label=_("budget (yuan)"), min_value=Decimal(0), max_digits=12, decimal_places=2
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(GOODS_ROWS):
            self.fields[f"good_{i}_name"] = forms.CharField(
                label=_("goods"), max_length=50, required=False
            )
            self.fields[f"good_{i}_unit"] = forms.CharField(
                label=_("unit"), max_length=10, required=False
            )
            self.fields[f"good_{i}_price"] = forms.DecimalField(
                label=_("price per unit (yuan)"),
                min_value=Decimal(0),
                max_digits=10,
                decimal_places=2,
                required=False,
            )

    @property
    def goods_rows(self):
        return [
            (self[f"good_{i}_name"], self[f"good_{i}_unit"], self[f"good_{i}_price"])
            for i in range(GOODS_ROWS)
        ]

    def clean(self):
        data = super().clean()
        goods = []
        for i in range(GOODS_ROWS):
            name = (data.get(f"good_{i}_name") or "").strip()
            unit = (data.get(f"good_{i}_unit") or "").strip()
            if not name and not unit:
                continue
            if not name or not unit:
                self.add_error(f"good_{i}_name", _("Give both the goods and their unit."))
                continue
            goods.append((name, unit, data.get(f"good_{i}_price") or Decimal(0)))
        if not goods:
            self.add_error("good_0_name", _("Name at least one kind of goods."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The campaign cannot end before it starts."))
        data["goods"] = goods
        return data


class DeliveryForm(forms.Form):
    plaque_number = forms.CharField(
        label=_("plaque number"),
        max_length=20,
        help_text=_("As on the station's plaque, e.g. SH00012."),
    )
    delivered_on = forms.DateField(
        label=_("delivered on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    received_by = forms.CharField(
        label=_("received by (the station head)"),
        max_length=50,
        help_text=_("The station head's name, never an outdoor worker's."),
    )
    photo = forms.ImageField(label=_("photo"), required=False)

    def __init__(self, *args, campaign, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign, self.user = campaign, user
        self.initial.setdefault("delivered_on", timezone.localdate())
        self.goods = list(campaign.goods.all())
        for good in self.goods:
            self.fields[f"qty_{good.pk}"] = forms.IntegerField(
                label=f"{good.name}（{good.unit}）",
                min_value=0,
                max_value=1_000_000,
                required=False,
            )

    @property
    def quantity_fields(self):
        return [self[f"qty_{good.pk}"] for good in self.goods]

    def clean_plaque_number(self):
        plaque = self.cleaned_data["plaque_number"].strip().upper()
        # Only the caller's own stations are found: another union's plaque is "no such".
        station = Station.objects.visible_to(self.user).filter(plaque_number=plaque).first()
        if station is None:
            raise forms.ValidationError(_("None of your union's stations has this plaque number."))
        self.station = station
        return plaque

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        if photo.size > MAX_SCAN_BYTES:
            raise forms.ValidationError(_("The photo is larger than 10 MB."))
        if read_scan_type(photo) not in (JPEG, PNG):
            raise forms.ValidationError(_("The photo must be a JPEG or PNG image."))
        return photo

    def quantities(self) -> dict[int, int]:
        return {good.pk: self.cleaned_data.get(f"qty_{good.pk}") or 0 for good in self.goods}
