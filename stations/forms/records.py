from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unions.models import HostUnit

from ..models import HOLDS_PLAQUE, Acceptance, InsurancePolicy, Pledge, Station
from .uploads import ScanField

DATE = forms.DateInput(attrs={"type": "date"})


class AcceptanceForm(forms.ModelForm):
    class Meta:
        model = Acceptance
        fields = [
            "checked_on",
            "has_place",
            "has_sign",
            "has_staff",
            "has_service",
            "has_facilities",
            "has_support",
            "notes",
        ]
        widgets = {"checked_on": DATE, "notes": forms.Textarea(attrs={"rows": 2})}
        # What each of the six standards (六有) means on site, from section 三 of the
        # implementing opinions; 有标识 is the one officers misread: the numbered plaque is
        # only issued after approval, so acceptance checks where it will hang and what is
        # posted inside.
        help_texts = {
            "has_place": _("A fixed area of about 3 m², or a shared area that serves the purpose."),
            "has_sign": _(
                "A prominent outdoor spot is ready for the programme's plaque, and the service "
                "convention and the 12351 hotline are posted inside. The numbered plaque itself "
                "is issued after approval."
            ),
            "has_staff": _("A station head is named and responsible for the service."),
            "has_service": _(
                "Drinking water, cooling and warming, heating meals, charging phones, rest and "
                "toilet."
            ),
            "has_facilities": _(
                "The six basic facilities: air conditioning, fridge, microwave, water "
                "dispenser, power strip, tables and chairs."
            ),
            "has_support": _("The facilities are kept working and the running costs are budgeted."),
        }

    SIX = ("has_place", "has_sign", "has_staff", "has_service", "has_facilities", "has_support")


class BulkAcceptanceForm(AcceptanceForm):
    """The acceptance the review queue records for every ticked station before approving it:
    the same record (date, officer, each standard) as the per-station form, and since it
    leads straight to approval, every standard must be met."""

    def clean(self):
        data = super().clean()
        missing = [name for name in self.SIX if not data.get(name)]
        if missing:
            raise forms.ValidationError(
                _(
                    "Approval needs all six standards met. Record the acceptance of a station "
                    "that falls short on its own page."
                )
            )
        return data

    def acceptance(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("checked_on", "notes", *self.SIX)}


class AgreementHostForm(forms.Form):
    """Step one of recording an agreement (附件2): Party A (甲方), the host unit that signs.
    Only its stations are offered in step two, so a bank cannot sign for a supermarket's."""

    host_unit = forms.ModelChoiceField(
        label=_("Party A (host unit)"), queryset=HostUnit.objects.none(), required=False
    )
    new_host_unit = forms.CharField(label=_("or a new host unit"), max_length=200, required=False)

    def __init__(self, *args, hosts, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["host_unit"]
        field.queryset = hosts
        # The list offers the station's own unit (and the one chosen), not the union's every
        # unit (1,250 at national size: issue 26); another is typed by its name, which finds
        # the union's unit of that name when there is one (views/records.py).
        units = hosts.filter(pk__in=[pk for pk in offered if pk]).order_by("name")
        field.widget.choices = [("", field.empty_label)] + [
            (unit.pk, field.label_from_instance(unit)) for unit in units
        ]


class AgreementForm(forms.Form):
    """Step two: the stations of the chosen host unit, the signatories and the date. The
    carrier type is the stations' own (asked on 附件1), so it is not asked again."""

    stations = forms.ModelMultipleChoiceField(
        label=_("stations"), queryset=Station.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    signatory_a = forms.CharField(label=_("Party A signatory"), max_length=50)
    signatory_b = forms.CharField(label=_("Party B signatory"), max_length=100, required=False)
    signed_on = forms.DateField(label=_("signing date"), widget=DATE)
    scan = ScanField(label=_("scanned copy"), required=False)

    def __init__(self, *args, union, host_unit: HostUnit | None, **kwargs):
        super().__init__(*args, **kwargs)
        # A new host unit has no stations yet: only stations without one may join it.
        of_host = Q(host_unit__isnull=True)
        if host_unit is not None:
            of_host |= Q(host_unit=host_unit)
        self.fields["stations"].queryset = (
            Station.objects.filter(union=union, status__in=HOLDS_PLAQUE)
            .filter(of_host)
            .order_by("plaque_seq")
        )
        self.fields["stations"].label_from_instance = lambda s: (
            f"{s.plaque_number} {s.name}（{s.address}）"
        )


class PledgeForm(forms.ModelForm):
    scan = ScanField(label=_("scanned copy"), required=False)

    class Meta:
        model = Pledge
        fields = [
            "pledging_unit",
            "service_hours",
            "head_name",
            "pledged_on",
            "due_by",
            "received_on",
            "scan",
        ]
        widgets = {"pledged_on": DATE, "due_by": DATE, "received_on": DATE}
        help_texts = {
            "received_on": _(
                "The station starts operating once the signed pledge and the agreement are on file."
            )
        }


class InsuranceForm(forms.ModelForm):
    class Meta:
        model = InsurancePolicy
        fields = ["policy_number", "insurer", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", _("The policy must end after it starts."))
        return data
