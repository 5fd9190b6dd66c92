"""The stations app's documents, registered with the documents app at start-up (apps.py).

附件1 (filing form) and the zip of a filing's pledges and plaques hang off a FilingForm,
附件2 off an Agreement, 附件3 (pledge) and the plaque artwork off a Station. Only the last
two are a station's own documents, which inspectors may read (unions.scopes). The registry
export (registry_export.py) is a workbook a user asks for from the registry list, theirs alone;
a campaign's report (campaign_report.py) is a workbook and a shared-layout PDF of its progress.
"""

from __future__ import annotations

from documents.kinds import DocumentKind, RecordType, register, register_record

from ..models import Agreement, FilingForm, Station
from . import snapshots
from .campaign_report import campaign_workbook_kind
from .codes import Kind
from .drawing import filing_form_context, plaque_context
from .registry_export import registry_export_kind


def register_kinds() -> None:
    register(
        DocumentKind(
            code=Kind.FILING_FORM,
            label=Kind.FILING_FORM.label,
            template="documents/filing_form.html",
            context=filing_form_context,
            snapshot=snapshots.filing_form_snapshot,
            record=FilingForm,
        )
    )
    register(
        DocumentKind(
            code=Kind.AGREEMENT,
            label=Kind.AGREEMENT.label,
            template="documents/agreement.html",
            snapshot=snapshots.agreement_snapshot,
            record=Agreement,
        )
    )
    register(
        DocumentKind(
            code=Kind.PLEDGE,
            label=Kind.PLEDGE.label,
            template="documents/pledge.html",
            snapshot=snapshots.pledge_snapshot,
            record=Station,
            folder="pledges",
            title_names_file=True,
            shown_to_inspectors=True,
        )
    )
    register(
        DocumentKind(
            code=Kind.PLAQUE,
            label=Kind.PLAQUE.label,
            template="documents/plaque.html",
            context=plaque_context,
            snapshot=snapshots.plaque_snapshot,
            record=Station,
            folder="plaques",
            title_names_file=True,
            shown_to_inspectors=True,
        )
    )
    register(
        DocumentKind(
            code=Kind.BATCH_ZIP,
            label=Kind.BATCH_ZIP.label,
            snapshot=snapshots.batch_snapshot,
            record=FilingForm,
            bundle=True,
        )
    )
    register(registry_export_kind())
    register(campaign_workbook_kind())
    register_record(
        RecordType(
            name="station",
            model=Station,
            kinds=(Kind.PLEDGE, Kind.PLAQUE),
            page="stations:staff_detail",
        )
    )
    register_record(
        RecordType(
            name="filing",
            model=FilingForm,
            kinds=(Kind.FILING_FORM, Kind.BATCH_ZIP),
            page="stations:filing_detail",
        )
    )
    register_record(
        RecordType(
            name="agreement",
            model=Agreement,
            kinds=(Kind.AGREEMENT,),
            page="stations:agreement_detail",
        )
    )
