"""Editing the checklist: every edit is a new version, so a check keeps the items and
weights it was scored on (a score of 85 means the same thing a year later)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from history.changes import announce

from ...permissions import setup_check
from ..models import Checklist, ChecklistItem, ItemGroup
from ..models.checklist import TOTAL_WEIGHT

ITEM_FIELDS = ("code", "group", "label", "guidance", "weight", "red_line")


def _weight(value) -> Decimal:
    try:
        weight = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(_("A weight must be a number.")) from exc
    if not weight.is_finite() or weight <= 0:
        raise ValidationError(_("Each weight must be more than 0."))
    return weight.quantize(Decimal("0.01"))


def checklist_validate(items: Iterable[Mapping]) -> list[dict]:
    """The items, cleaned, or ValidationError listing what is wrong (in Chinese)."""
    cleaned: list[dict] = []
    errors: list[str] = []
    seen: set[str] = set()
    for item in items:
        code = str(item.get("code", "")).strip()
        label = str(item.get("label", "")).strip()
        if not code or not label:
            errors.append(_("Every item needs a code and a wording."))
            continue
        if code in seen:
            errors.append(_("The code “%(code)s” is used twice.") % {"code": code})
            continue
        seen.add(code)
        group = item.get("group")
        if group not in ItemGroup.values:
            errors.append(_("Item “%(code)s” has no valid group.") % {"code": code})
            continue
        try:
            weight = _weight(item.get("weight"))
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        cleaned.append(
            {
                "code": code,
                "group": group,
                "label": label,
                "guidance": str(item.get("guidance", "") or "").strip(),
                "weight": weight,
                "red_line": bool(item.get("red_line")),
            }
        )
    if not cleaned and not errors:
        errors.append(_("A checklist needs at least one item."))
    total = sum((i["weight"] for i in cleaned), Decimal(0))
    if not errors and total != TOTAL_WEIGHT:
        errors.append(
            _("The weights add up to %(total)s; they must add up to exactly %(needed)s.")
            % {"total": total.normalize(), "needed": TOTAL_WEIGHT}
        )
    if errors:
        raise ValidationError(errors)
    return cleaned


def checklist_new_version(*, by, items: Iterable[Mapping], note: str) -> Checklist:
    """Validate ``items`` and save them as the next version of the checklist."""
    setup_check(by, "checklist")
    cleaned = checklist_validate(list(items))
    try:
        with transaction.atomic():
            latest = Checklist.objects.aggregate(v=Max("version"))["v"] or 0
            checklist = Checklist.objects.create(
                version=latest + 1, note=(note or "").strip()[:200], created_by=by
            )
            ChecklistItem.objects.bulk_create(
                ChecklistItem(checklist=checklist, position=position, **item)
                for position, item in enumerate(cleaned, 1)
            )
    except IntegrityError as exc:
        # Two officers saved at the same moment: the version number is unique, so the
        # second is told to look again rather than silently overwriting the first.
        raise ValidationError(
            _("Someone else saved a new version just now. Please reload and check it.")
        ) from exc
    # The check form's kept copy of the checklist in use (inspections/checks/caches.py).
    announce("checklist", ids=[checklist.pk])
    return checklist


def checklist_current() -> Checklist:
    checklist = Checklist.objects.current()
    if checklist is None:  # the data migration writes v1; only a broken database lacks it
        raise ValidationError(_("There is no checklist yet."))
    return checklist
