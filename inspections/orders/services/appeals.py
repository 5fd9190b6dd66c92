"""申诉: a union contests a check of its own station, with its reasons and evidence (photos
or PDFs); an aid-center officer other than the inspector decides. Upheld voids the check
(it stays on file and counts for nothing); dismissed leaves it standing. Both are recorded
in the append-only history."""

from __future__ import annotations

import os
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.models import RecordChange
from history.writer import record_change
from stations.models import Station
from unions.actions import NEW, ActionRefused, check
from unions.roles import union_of

from ...checks.findings import findings_refresh
from ...checks.models import INSPECTION_ACTIONS, Inspection, InspectionKind, InspectionStatus
from ...checks.services.photos import MAX_EVIDENCE_FILES, FileFacts, evidence_facts
from ...checks.services.thumbnails import thumbnails_later
from ..models import APPEAL_ACTIONS, Appeal, AppealEvidence, AppealStatus
from ..models.appeal import appeal_deadline

__all__ = ["appeal_deadline", "appeal_decide", "appeal_open", "appeal_refusal"]


def appeal_refusal(inspection: Inspection, user) -> str:
    """Why ``user`` may not appeal this check now, or "" when they may."""
    union = union_of(user)
    if union is None or union.pk != inspection.union_id:
        return _("Only the staff of the station's union can appeal its checks.")
    if inspection.kind == InspectionKind.SELF_CHECK:
        return _("A union cannot appeal its own self-check.")
    if inspection.status == InspectionStatus.VOIDED:
        return _("This check is already voided.")
    if timezone.localdate() > appeal_deadline(inspection):
        return _("The %(days)s days to appeal this check have passed.") % {
            "days": settings.APPEAL_DAYS
        }
    if Appeal.objects.filter(inspection=inspection, status=AppealStatus.OPEN).exists():
        return _("This check is already under appeal.")
    return ""


def _history(appeal: Appeal, action: str, *, by, changes=None, reason: str = "") -> None:
    record_change(
        record=RecordChange.Record.APPEAL,
        record_id=appeal.pk,
        union_id=appeal.union_id,
        action=action,
        by=by,
        stations=[appeal.inspection.station],
        changes=changes,
        reason=reason,
    )


def _evidence_checked(uploads: list) -> list[FileFacts]:
    """Every file checked before any is stored; each refusal names its file, so that the
    union knows which of several to replace."""
    if len(uploads) > MAX_EVIDENCE_FILES:
        raise ValidationError(
            _("At most %(n)s files of evidence per appeal.") % {"n": MAX_EVIDENCE_FILES}
        )
    facts, errors = [], []
    for upload in uploads:
        try:
            facts.append(evidence_facts(upload))
        except ValidationError as exc:
            name = os.path.basename(getattr(upload, "name", "") or "")[:80]
            errors.extend(
                _("%(name)s: %(error)s") % {"name": name, "error": message}
                for message in exc.messages
            )
    if errors:
        raise ValidationError(errors)
    return facts


def _evidence_store(appeal: Appeal, uploads: list, facts: list[FileFacts]) -> None:
    for upload, fact in zip(uploads, facts, strict=True):
        row = AppealEvidence(
            appeal=appeal, content_type=fact.content_type, size=fact.size, sha256=fact.sha256
        )
        # The name is generated from the type (appeal_evidence_path), never the sender's.
        row.file.save("evidence", upload, save=False)
        row.save()
        thumbnails_later("appeal", [row.pk])


def appeal_open(*, inspection: Inspection, by, reason: str, evidence: Iterable = ()) -> Appeal:
    """The one door that opens an appeal: the reasons, and photos or PDFs as evidence
    (at most MAX_EVIDENCE_FILES, each checked from its bytes), stored with the appeal in one
    transaction."""
    uploads = list(evidence)
    # The union's role, the check in its scope (another union's check is refused here), and
    # the reasons the row asks for.
    reason = check(APPEAL_ACTIONS, "open", inspection, by, reason=reason, status=NEW)
    try:
        with transaction.atomic():
            Station.objects.select_for_update().get(pk=inspection.station_id)
            inspection = Inspection.objects.select_related("station").get(pk=inspection.pk)
            refusal = appeal_refusal(inspection, by)
            if refusal:
                raise ValidationError(refusal)
            facts = _evidence_checked(uploads)
            appeal = Appeal.objects.create(
                inspection=inspection,
                union_id=inspection.union_id,
                district=inspection.district,
                reason=reason,
                by=by,
            )
            _history(
                appeal,
                RecordChange.Action.CREATED,
                by=by,
                changes={"evidence": ["", str(len(facts))]} if facts else None,
                reason=reason,
            )
            # Last, so that nothing after the files are written can roll the appeal back.
            _evidence_store(appeal, uploads, facts)
            return appeal
    except IntegrityError:
        # A second appeal sent at the same moment: the partial unique index holds the rule.
        raise ValidationError(_("This check is already under appeal.")) from None


@transaction.atomic
def appeal_decide(
    *, appeal: Appeal, by, upheld: bool, decision: str, amended_score: Decimal | None = None
) -> Appeal:
    """Upheld: the check is voided with the decision as its reason, or, given
    ``amended_score``, it stands with that score (upheld in part). Dismissed: it stands."""
    name = "amend" if upheld and amended_score is not None else "uphold" if upheld else "dismiss"
    Station.objects.select_for_update().get(pk=appeal.inspection.station_id)
    appeal = (
        Appeal.objects.select_related("inspection__station").select_for_update().get(pk=appeal.pk)
    )
    inspection = appeal.inspection
    try:
        decision = check(APPEAL_ACTIONS, name, appeal, by, reason=decision)
    except ActionRefused:
        raise ValidationError(_("This appeal has already been decided.")) from None
    if inspection.by_id == by.pk:
        raise ValidationError(_("The inspector who made the check cannot decide its appeal."))
    if amended_score is not None:
        if not upheld:
            raise ValidationError(_("Only an upheld appeal amends the score."))
        if not Decimal(0) <= amended_score <= Decimal(100):
            raise ValidationError(_("A score lies between 0 and 100."))
    amends = name == "amend"
    appeal.status = APPEAL_ACTIONS[name].target
    appeal.decided_by = by
    appeal.decided_at = timezone.now()
    appeal.decision = decision
    appeal.save(update_fields=["status", "decided_by", "decided_at", "decision"])
    _history(
        appeal,
        RecordChange.Action.DECIDED,
        by=by,
        changes={"status": [AppealStatus.OPEN, appeal.status]},
        reason=decision,
    )
    if amends:
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        check(INSPECTION_ACTIONS, "amend", inspection, by, reason=decision)
        old = inspection.score
        inspection.score = amended_score.quantize(Decimal("0.01"))
        inspection.save(update_fields=["score"])
        record_change(
            record=RecordChange.Record.INSPECTION,
            record_id=inspection.pk,
            union_id=inspection.union_id,
            action=RecordChange.Action.EDITED,
            by=by,
            stations=[appeal.inspection.station],
            changes={"score": [str(old), str(inspection.score)]},
            reason=decision,
        )
    elif upheld:
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        check(INSPECTION_ACTIONS, "void", inspection, by, reason=decision)
        inspection.status = InspectionStatus.VOIDED
        inspection.void_reason = decision
        inspection.save(update_fields=["status", "void_reason"])
        # A voided check clears nothing: a finding it had cleared opens again.
        findings_refresh([inspection.station_id])
        record_change(
            record=RecordChange.Record.INSPECTION,
            record_id=inspection.pk,
            union_id=inspection.union_id,
            action=RecordChange.Action.VOIDED,
            by=by,
            stations=[appeal.inspection.station],
            changes={"status": [InspectionStatus.RECORDED, InspectionStatus.VOIDED]},
            reason=decision,
        )
    return appeal
