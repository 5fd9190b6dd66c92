"""Forms of the orders, plans, pairings and appeals pages (Chinese messages via gettext)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stations.models import PUBLIC_STATUSES, Station
from stations.selectors import registry_search
from unions.dates import day
from unions.models import Union
from unions.params import id_param, id_params

from .models import APPEAL_DECISIONS, AppealStatus, RectificationStatus


class _Styled:
    """Bootstrap classes on every widget, so the templates can render fields as they are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class OrderFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *RectificationStatus.choices],
    )
    district = forms.CharField(label=_("District"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


# The stations a search on the order form offers at once.
SEARCH_PAGE = 20


class OrderOpenForm(_Styled, forms.Form):
    station = forms.ModelChoiceField(label=_("Station"), queryset=Station.objects.none())
    items = forms.CharField(
        label=_("What must be put right (one per line)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for the usual period."),
    )

    def __init__(self, *args, user, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        stations = Station.objects.visible_to(user).filter(status__in=PUBLIC_STATUSES)
        field = self.fields["station"]
        field.queryset = stations.order_by("district", "plaque_seq")
        # The <select> offers the station named (the link from its page, or the one
        # posted) and a page of a search's matches, never the scope: every operating
        # station of the city was 13.8 MB of HTML for the aid center (issue 26).
        named = {self.data.get("station") if self.is_bound else None, self.initial.get("station")}
        offered = list(stations.filter(pk__in=id_params(named)))
        if search:
            offered += registry_search(stations, search[:100]).order_by()[:SEARCH_PAGE]
        field.widget.choices = [("", field.empty_label)] + [
            (s.pk, field.label_from_instance(s)) for s in dict.fromkeys(offered)
        ]

    def item_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class OrderAnswerForm(_Styled, forms.Form):
    note = forms.CharField(
        label=_("What the union put right"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class PairingForm(_Styled, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2018, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(q, q) for q in (1, 2, 3, 4)]
    )
    reviewer = forms.ModelChoiceField(
        label=_("Reviewing union"), queryset=Union.objects.order_by("code")
    )
    reviewed = forms.ModelChoiceField(
        label=_("Reviewed union"), queryset=Union.objects.order_by("code")
    )

    def clean(self):
        data = super().clean()
        if data.get("reviewer") and data.get("reviewer") == data.get("reviewed"):
            raise forms.ValidationError(_("A union cannot review its own stations."))
        return data


class AppealForm(_Styled, forms.Form):
    reason = forms.CharField(
        label=_("Why the check is wrong"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )


class AppealDecisionForm(_Styled, forms.Form):
    # The decisions of the appeal's table, each named by the status it leads to.
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(a.target, a.label) for a in APPEAL_DECISIONS],
        widget=forms.RadioSelect,
    )
    amended_score = forms.DecimalField(
        label=_("Amended score (upheld in part)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    decision = forms.CharField(
        label=_("Reasons for the decision"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == AppealStatus.AMENDED and data.get("amended_score") is None:
            self.add_error("amended_score", _("Give the amended score."))
        return data


# The list's filters, by their names in the query string.
ORDER_PARAMS = ("status", "district", "overdue", "since", "until", "station")


def order_params(params) -> dict[str, str]:
    """The list's filters out of a query string, a form or a stored snapshot: the known
    names only, checked as the filter form checks them, empty ones left out."""
    found: dict[str, str] = {}
    form = OrderFilterForm({name: params[name] for name in ORDER_PARAMS if name in params} or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            found["status"] = data["status"]
        if data["district"]:
            found["district"] = data["district"]
        if data["overdue"]:
            found["overdue"] = "1"
    for name in ("since", "until"):
        on = day(params.get(name))
        if on:
            found[name] = on.isoformat()
    # One station's orders (its staff page's "all N orders"): an id, or no filter.
    station = id_param(params.get("station"))
    if station is not None:
        found["station"] = str(station)
    return found
