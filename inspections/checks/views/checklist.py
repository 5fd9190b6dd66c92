"""The checklist editor: the aid center (and administrators) edit the items and weights;
saving makes a new version, and the versions stay listed with who made them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from unions.access import access

from ...permissions import SETUP_ROLES
from ..forms import ChecklistItemFormSet, ChecklistNoteForm
from ..models import Checklist
from ..models.checklist import TOTAL_WEIGHT
from ..services.checklist import checklist_new_version

ITEM_INITIAL = ("code", "group", "label", "guidance", "weight", "red_line")


@access(*SETUP_ROLES["checklist"], methods=("GET", "HEAD", "POST"))
def checklist_edit(request):
    current = Checklist.objects.current()
    initial = [
        {name: getattr(item, name) for name in ITEM_INITIAL} for item in current.items.all()
    ] if current else []  # fmt: skip
    errors: list[str] = []
    if request.method == "POST":
        formset = ChecklistItemFormSet(request.POST, initial=initial, prefix="items")
        note_form = ChecklistNoteForm(request.POST)
        if formset.is_valid() and note_form.is_valid():
            # Blank extra rows clean to {}; ticked "delete" rows leave the new version.
            items = [
                form.cleaned_data
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            try:
                made = checklist_new_version(
                    by=request.user, items=items, note=note_form.cleaned_data["note"]
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("Checklist version %(v)s saved.") % {"v": made.version})
                return redirect("inspections:checklist")
        status = 400
    else:
        formset = ChecklistItemFormSet(initial=initial, prefix="items")
        note_form = ChecklistNoteForm()
        status = 200
    versions = Checklist.objects.select_related("created_by").annotate(
        item_count=Count("items"), weight=Sum("items__weight")
    )
    return render(
        request,
        "inspections/checklist_edit.html",
        {
            "formset": formset,
            "note_form": note_form,
            "errors": errors,
            "current": current,
            "versions": versions,
            "total_weight": TOTAL_WEIGHT,
        },
        status=status,
    )
