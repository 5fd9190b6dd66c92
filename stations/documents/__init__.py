"""The stations app's documents: 附件1–3, plaque artwork and a filing's zip of them.

The machinery (rendering, storage, tasks, the panel) is the documents app's; this package
says what the stations' documents are:
- ``kinds``: their registration with the documents app (codes and labels in ``codes``).
- ``snapshots``: what each document shows, taken from its record.
- ``drawing``: what the templates need beyond the snapshot (``qr``: the plaque's QR code;
  ``wording``: the source document's words for stored codes).
"""
