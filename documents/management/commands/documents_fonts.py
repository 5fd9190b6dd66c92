"""``manage.py documents_fonts``: make the GB2312 cuts of the PDF fonts once, at install.

``make install`` runs it, so that no render pays for the cut (a render that finds none still
makes it). Cuts left by an earlier font or HarfBuzz version are removed.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from documents import fonts, subset


class Command(BaseCommand):
    help = "Cut the Noto CJK faces the PDFs use down to GB2312, into settings.FONT_CACHE_DIR."

    def handle(self, *args, **options) -> None:
        made = set()
        for face in fonts.FACES:
            located = fonts.locate(face)
            if located is None:
                raise CommandError(
                    f"{face.family} {face.style} is not installed (Debian: fonts-noto-cjk)"
                )
            try:
                path = subset.cut(*located)
            except OSError as exc:
                raise CommandError(str(exc)) from exc
            made.add(path)
            self.stdout.write(f"{face.family} {face.style}: {path}", self.style.SUCCESS)
        for path in subset.stale(made):
            path.unlink(missing_ok=True)
            self.stdout.write(f"removed {path}")
