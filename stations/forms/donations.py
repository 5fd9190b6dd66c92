"""爱心互献 forms: a donor's offer, a station's need, a match of one to the other."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.conf import settings
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Campaign, DonationOffer, DonationOfferLine, DonorKind, Station, StationNeed
from ..services.campaigns import MAX_QUANTITY

GOODS_ROWS = 5
# How many offered lines the match form lists: a shortlist, never every offer of the city.
SHORTLIST = 20
# A mobile or a landline with its area code, as people write them.
_PHONE = re.compile(r"^\+?[0-9][0-9\- ]{5,18}[0-9]$")
# Campaigns an offer may be given for: those not ended more than a year ago.
CAMPAIGN_WINDOW = dt.timedelta(days=365)


class GoodsRowsMixin:
    """GOODS_ROWS rows of goods, unit and quantity; the filled ones are ``cleaned["lines"]``."""

    def add_goods_rows(self) -> None:
        for i in range(GOODS_ROWS):
            self.fields[f"good_{i}_name"] = forms.CharField(
                label=_("goods"), max_length=50, required=False
            )
            self.fields[f"good_{i}_unit"] = forms.CharField(
                label=_("unit"), max_length=10, required=False
            )
            self.fields[f"good_{i}_quantity"] = forms.IntegerField(
                label=_("quantity"), min_value=1, max_value=MAX_QUANTITY, required=False
            )

    @property
    def goods_rows(self):
        return [
            (self[f"good_{i}_name"], self[f"good_{i}_unit"], self[f"good_{i}_quantity"])
            for i in range(GOODS_ROWS)
        ]

    def clean_goods_rows(self, data: dict) -> None:
        lines, row_errors = [], False
        for i in range(GOODS_ROWS):
            name = (data.get(f"good_{i}_name") or "").strip()
            unit = (data.get(f"good_{i}_unit") or "").strip()
            quantity = data.get(f"good_{i}_quantity")
            if not name and not unit and quantity is None:
                continue
            if not name or not unit or quantity is None:
                row_errors = True
                if f"good_{i}_quantity" not in self.errors:
                    self.add_error(
                        f"good_{i}_name", _("Give the goods, their unit and the quantity.")
                    )
                continue
            lines.append((name, unit, quantity))
        if not lines and not row_errors:
            self.add_error("good_0_name", _("Name at least one kind of goods."))
        data["lines"] = lines


class DonationOfferForm(GoodsRowsMixin, forms.Form):
    donor_name = forms.CharField(label=_("donor"), max_length=100)
    donor_kind = forms.ChoiceField(label=_("kind of donor"), choices=DonorKind.choices)
    contact_name = forms.CharField(label=_("contact person"), max_length=50)
    contact_phone = forms.CharField(
        label=_("contact phone"),
        max_length=30,
        help_text=_("Seen only by the aid center, which arranges the delivery."),
    )
    citywide = forms.BooleanField(label=_("delivers anywhere in the city"), required=False)
    districts = forms.MultipleChoiceField(
        label=_("districts it can deliver to"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    thank_publicly = forms.BooleanField(
        label=_("agrees to be thanked by name on the campaign page"), required=False
    )
    campaign = forms.ModelChoiceField(
        label=_("given for the campaign"),
        queryset=Campaign.objects.none(),
        required=False,
        empty_label=_("(no campaign)"),
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].choices = [(d, d) for d in settings.DISTRICTS]
        today = timezone.localdate()
        self.fields["campaign"].queryset = Campaign.objects.filter(
            ends_on__gte=today - CAMPAIGN_WINDOW
        ).order_by("-starts_on", "-id")
        self.add_goods_rows()

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if not _PHONE.match(phone):
            raise forms.ValidationError(
                _("Enter a phone number: a mobile, or a landline with its area code.")
            )
        return phone

    def clean(self):
        data = super().clean()
        if (
            not data.get("citywide")
            and not data.get("districts")
            and "districts" not in self.errors
        ):
            self.add_error(
                "districts", _("Say where the donor can deliver: a district, or the whole city.")
            )
        self.clean_goods_rows(data)
        return data


class StationNeedForm(GoodsRowsMixin, forms.Form):
    plaque_number = forms.CharField(
        label=_("plaque number"),
        max_length=20,
        help_text=_("As on the station's plaque, e.g. SH00012."),
    )
    note = forms.CharField(
        label=_("note"),
        max_length=200,
        required=False,
        help_text=_("What it is for, e.g. 夏季防暑，站内冰箱空了."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.add_goods_rows()

    def clean_plaque_number(self):
        plaque = self.cleaned_data["plaque_number"].strip().upper()
        # Only the caller's own stations are found: another union's plaque is "no such".
        station = Station.objects.visible_to(self.user).filter(plaque_number=plaque).first()
        if station is None:
            raise forms.ValidationError(_("None of your union's stations has this plaque number."))
        self.station = station
        return plaque

    def clean(self):
        data = super().clean()
        self.clean_goods_rows(data)
        return data


class DonationMatchForm(forms.Form):
    """A line of an offer that delivers to the need's district and has goods left, matched
    to one line of the need. The page lists a shortlist of such lines (those naming the
    needed goods first, ``?q=`` narrowing them); any such line is accepted."""

    need_line = forms.ModelChoiceField(label=_("needed goods"), queryset=None)
    offer_line = forms.ModelChoiceField(
        label=_("offered goods"),
        queryset=None,
        error_messages={
            "invalid_choice": _(
                "That offer has no goods left or does not deliver to the station's district."
            )
        },
    )
    quantity = forms.IntegerField(label=_("quantity"), min_value=1, max_value=MAX_QUANTITY)

    def __init__(self, *args, need: StationNeed, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.need = need
        self.fields["need_line"].queryset = need.lines.all()
        self.fields["need_line"].empty_label = None
        self.fields["offer_line"].queryset = DonationOfferLine.objects.filter(
            matched__lt=F("quantity"),
            offer__in=DonationOffer.objects.delivering_to(need.district),
        )
        self.search = search.strip()[:50]

    def shortlist(self) -> list[DonationOfferLine]:
        lines = self.fields["offer_line"].queryset.select_related("offer")
        if self.search:
            lines = lines.filter(name__icontains=self.search)
        wanted = [line.name for line in self.need.lines.all()]
        return list(
            lines.annotate(
                named=Case(
                    When(name__in=wanted, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            ).order_by("named", "-id")[:SHORTLIST]
        )


class MatchActionForm(forms.Form):
    delivered_on = forms.DateField(
        label=_("delivered on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(label=_("reason"), max_length=200, required=False)
