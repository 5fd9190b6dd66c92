"""The Content-Security-Policy every page is sent with (django-csp reads it from settings).

No 'unsafe-inline' for scripts or styles: templates carry no inline <script>, no on*=
handler and no style attribute (tests/foundation/test_no_inline_scripts.py,
tests/public/test_public_pages_need_no_inline_script_or_style.py), so an injected
``<script>`` or ``onerror=`` that slipped past escaping still would not run.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from csp.constants import NONE, SELF


def tile_source(url_template: str) -> str | None:
    """The origin the map's tiles come from, as a CSP source; None when the map has none.

    Leaflet's ``{s}`` subdomain placeholder becomes the wildcard ``*.``.
    """
    if not url_template:
        return None
    parts = urlsplit(url_template)
    if not parts.scheme or not parts.netloc:
        return None
    host = parts.netloc.replace("{s}", "*")
    return f"{parts.scheme}://{host}"


def content_security_policy(*, map_tile_url: str) -> dict:
    """django-csp's CONTENT_SECURITY_POLICY setting for this portal."""
    images = [SELF, "data:", "blob:"]  # Bootstrap's form icons are data: SVGs
    tiles = tile_source(map_tile_url)
    if tiles:
        images.append(tiles)
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": images,
            "font-src": [SELF],
            "connect-src": [SELF],  # the document panel polls its status as JSON
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
        }
    }
