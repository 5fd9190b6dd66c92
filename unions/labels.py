"""Labels translated once per language, for the tags that draw rows by the dozen.

A lazy label (a model's choices, a ``gettext_lazy`` string) is translated again each time
it is turned into text, and Django finds the active language through a context-local at
every translation: some 4 µs a label. A station's history of 30 entries asked for 260
translations, most of them of the same dozen labels, and rebuilt two dicts of labels for
each changed field it showed (issue 26). The catalogues are read once per process, so a
label's text in a language never changes while the process runs: ``Labels`` keeps each
language's texts after the first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.translation import get_language


class Labels:
    """``mapping``'s labels as text in the active language: ``labels.now()`` is a plain
    dict of str, translated once per language per process."""

    def __init__(self, mapping: Mapping | Iterable[tuple]) -> None:
        self._lazy = dict(mapping)
        self._texts: dict[str | None, dict] = {}

    def now(self) -> dict:
        language = get_language()
        texts = self._texts.get(language)
        if texts is None:
            texts = self._texts[language] = {key: str(label) for key, label in self._lazy.items()}
        return texts

    def get(self, key, default=None):
        return self.now().get(key, default)
