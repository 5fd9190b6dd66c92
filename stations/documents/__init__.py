"""PDF documents of the programme: 附件1–3, plaque artwork, batch zips and reports.

- ``snapshots``: what a document shows, taken from its record, and the version hash of it.
- ``render``: snapshot -> PDF bytes with WeasyPrint and the templates in templates/documents/.
- ``fonts``: the CJK font set-up, and the fast (HarfBuzz) subsetting it depends on.
- ``qr``: the plaque's QR code, as inline SVG (vector, sharp at any print size).
- ``batch``: many documents into one zip.
"""
