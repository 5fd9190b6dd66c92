"""Convert a union's stations to WGS-84 when it says which datum its clerks typed them in.

    python manage.py convert_datum --union CODE --from gcj02|bd09 [--station ID …]
                                   [--again] [--dry-run] --user USERNAME

Prints how many stations moved and the largest move in metres. A station converted before
is skipped unless --again is given (stations/services/datum.py). The user named is an
aid-center account: it is recorded in each station's history as the one who converted.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from stations.datum import Datum
from stations.services.datum import convert_union_datum
from unions.models import Union


class Command(BaseCommand):
    help = "Convert a union's station coordinates from GCJ-02 or BD-09 to WGS-84, with history."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--union", required=True, help="the union's code")
        parser.add_argument(
            "--from",
            dest="datum",
            required=True,
            choices=[Datum.GCJ02, Datum.BD09],
            help="the datum the union's coordinates were typed in",
        )
        parser.add_argument("--station", type=int, action="append", help="only this station id")
        parser.add_argument("--again", action="store_true", help="convert converted ones too")
        parser.add_argument("--dry-run", action="store_true", help="report, change nothing")
        parser.add_argument(
            "--user", required=True, help="the aid-center user recorded as the one who converted"
        )

    def handle(self, *args, union, datum, station, again, dry_run, user, **options):
        try:
            target = Union.objects.get(code=union)
        except Union.DoesNotExist as exc:
            raise CommandError(_("No union has the code “%(code)s”.") % {"code": union}) from exc
        try:
            by = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(_("No user is called “%(user)s”.") % {"user": user}) from exc
        try:
            result = convert_union_datum(
                union=target, datum=datum, by=by, station_ids=station, again=again, dry_run=dry_run
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        message = _(
            "%(count)s station(s) of %(union)s converted to WGS-84, the largest move "
            "%(metres)s m; %(skipped)s converted before and left alone."
        )
        if dry_run:
            message = _("Dry run, nothing saved: ") + message
        self.stdout.write(
            message
            % {
                "count": result.converted,
                "union": target.name,
                "metres": result.largest_shift_m,
                "skipped": result.skipped,
            }
        )
