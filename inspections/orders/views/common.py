from __future__ import annotations

FORM_METHODS = ("GET", "HEAD", "POST")
