"""互访互评: the aid center pairs unions for a quarter, one reviewing the other's stations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from history.changes import announce
from unions.models import Union

from ...permissions import setup_check
from ..models import PeerReviewPairing


def pairing_create(
    *, year: int, quarter: int, reviewer: Union, reviewed: Union, by
) -> PeerReviewPairing:
    setup_check(by, "pairing")
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(_("A quarter is 1, 2, 3 or 4."))
    if reviewer.pk == reviewed.pk:
        raise ValidationError(_("A union cannot review its own stations."))
    if PeerReviewPairing.objects.filter(
        year=year, quarter=quarter, reviewer=reviewer, union=reviewed
    ).exists():
        raise ValidationError(_("These two unions are already paired this quarter."))
    try:
        with transaction.atomic():
            pairing = PeerReviewPairing.objects.create(
                year=year, quarter=quarter, reviewer=reviewer, union=reviewed, created_by=by
            )
            announce("pairing", ids=(pairing.pk,), unions=(reviewer.pk, reviewed.pk))
            return pairing
    except IntegrityError:
        raise ValidationError(_("These two unions are already paired this quarter.")) from None


@transaction.atomic
def pairing_delete(*, pairing: PeerReviewPairing, by) -> None:
    """Undo a pairing made by mistake; one that a check was logged under stays."""
    setup_check(by, "pairing")
    pairing = PeerReviewPairing.objects.select_for_update().get(pk=pairing.pk)
    if pairing.inspections.exists():
        raise ValidationError(_("A check was logged under this pairing; it cannot be removed."))
    announce("pairing", ids=(pairing.pk,), unions=(pairing.reviewer_id, pairing.union_id))
    pairing.delete()
