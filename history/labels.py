"""Which model each kind of history row describes, registered by the app that keeps it.

A history entry stores its changed fields by their codes and its values as text; a page
shows each field by its model field's name (计划完成时间, not planned_completion) and a value
of a field with choices by its label (已配送, not delivered). The history app knows none of
the models above it: each app names its own kinds of record here when it starts
(``AppConfig.ready``), as the document kinds are registered with the documents app.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import models

_MODELS: dict[str, type[models.Model]] = {}


def register(record: str, model: type[models.Model]) -> None:
    _MODELS[record] = model


def model_for(record: str) -> type[models.Model] | None:
    return _MODELS.get(record)


def field_of(record: str, name: str) -> models.Field | None:
    """The model field a history entry of ``record`` names, or None (a computed entry)."""
    model = _MODELS.get(record)
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
