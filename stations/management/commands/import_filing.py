"""Import a filled-in 附件1 workbook from the command line (headless, for CI and batch loads).

    python manage.py import_filing FILE --union CODE [--user USERNAME]

Prints the new filing and its number of stations, or every problem as
``第N行 【列】 message`` on stderr and exits non-zero.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from stations.services.filing_import import filing_import
from unions.models import Union


class Command(BaseCommand):
    help = "Import a filing form (Annex 1) from an .xlsx file as a draft filing of a union."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="the filled-in .xlsx file")
        parser.add_argument("--union", required=True, help="the recommending union's code")
        parser.add_argument("--user", help="record this user name as the filing's creator")

    def handle(self, *args, file: Path, union: str, user: str | None = None, **options) -> None:
        if not file.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        try:
            target = Union.objects.get(code=union)
        except Union.DoesNotExist as exc:
            raise CommandError(_("No union has the code “%(code)s”.") % {"code": union}) from exc
        by = None
        if user:
            try:
                by = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as exc:
                raise CommandError(_("No user is called “%(user)s”.") % {"user": user}) from exc

        with file.open("rb") as handle:
            result = filing_import(file=handle, union=target, by=by)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing was imported: %(count)s problem(s) in %(file)s.")
                % {"count": len(result.problems), "file": file.name}
            )
        self.stdout.write(
            _("Created filing #%(pk)s (%(unit)s) for %(union)s with %(count)s station(s).")
            % {
                "pk": result.filing.pk,
                "unit": result.filing.unit_name,
                "union": target.name,
                "count": result.station_count,
            }
        )
