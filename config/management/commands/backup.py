from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.backup import BackupError, backup_make


class Command(BaseCommand):
    help = "Back up the database (pg_dump, or SQLite's online backup) and the media folder."

    def add_arguments(self, parser):
        parser.add_argument("--into", default="backups", help="folder to write the backup under")

    def handle(self, *args, into: str, **options):
        try:
            made = backup_make(into=Path(into))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{made.engine} backup written to {made.folder}")
        return None
