"""Generated documents (PDFs and zips), made by Celery from snapshots of records.

This app knows no record of its own: the apps above it register the kinds of document they
offer (``kinds.register``) and the records those are made from (``kinds.register_record``).
It sits between ``unions`` (scopes, roles) and ``stations`` and never imports an app above it.

- ``kinds``: the registry, what a kind of document is and which records offer which kinds.
- ``snapshots``: what a document shows (plain JSON) and the version hash that names it.
- ``models``: GeneratedDocument, one row per kind, record and version.
- ``services``: asking for a document and retrying it (web side).
- ``worker``: making it, idempotently, under at-least-once delivery (worker side).
- ``tasks``: the Celery task, a thin wrapper around ``worker``.
- ``render``: snapshot -> PDF with WeasyPrint; ``fonts`` and ``subset``: the CJK fonts.
- ``bundle``: many stored documents into one zip.
- ``reports``: the shared report layout, a kind any app can fill.
- ``panel``, ``views``, ``templatetags``: the documents panel staff pages include.
"""
