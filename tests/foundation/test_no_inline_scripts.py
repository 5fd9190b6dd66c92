"""A strict CSP is coming: no inline <script> blocks and no on*= handlers in any template."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def test_templates_carry_no_inline_script():
    offenders = []
    for path in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if INLINE_SCRIPT.search(text) or HANDLER.search(text):
            offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []
