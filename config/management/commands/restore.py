from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config.backup import BackupError, backup_read, backup_restore


class Command(BaseCommand):
    help = "Replace the database and the media folder with a backup made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="the backup folder (backups/relay-YYYYMMDD-HHMMSS)")
        parser.add_argument("--noinput", action="store_true", help="do not ask to confirm")

    def handle(self, *args, folder: str, noinput: bool, **options):
        try:
            manifest = backup_read(Path(folder))
            if not noinput:
                answer = input(
                    f"Replace this database and the media folder with the backup made "
                    f"{manifest['made_at']}? Type 'yes': "
                )
                if answer.strip() != "yes":
                    raise CommandError("restore cancelled")
            backup_restore(folder=Path(folder))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {manifest['engine']} backup {folder}")
