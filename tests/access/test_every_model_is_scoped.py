"""Every kind of record that belongs to a union, a station or a document has one scope, in
unions/scopes.py, and its manager applies it: a new model cannot forget.

The history app sits below unions and cannot import its scopes: its rows are read through
``unions.scopes.visible`` (the function every ScopedQuerySet calls), and no view reads them
any other way (tests/access/test_history_is_read_through_its_scope.py)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from unions.scopes import (
    INSPECTOR_DOCUMENT_KINDS,
    SCOPES,
    STATION_DRAFT,
    ScopedQuerySet,
    visible,
)

OWNERS = {"unions.Union", "stations.Station", "stations.FilingForm"}


def _owned_models() -> list[type[models.Model]]:
    """Models of our apps with a union, a station, a filing or a document, or that are one."""
    owned = []
    for model in apps.get_models():
        if model._meta.app_label not in {
            "unions",
            "stations",
            "documents",
            "inspections",
            "awards",
            "history",
        }:
            continue
        targets = {
            f.related_model._meta.label
            for f in model._meta.get_fields()
            if f.is_relation and f.concrete and f.related_model is not None
        }
        is_document = model._meta.model_name == "generateddocument"
        if targets & OWNERS or model._meta.label in OWNERS or is_document:
            owned.append(model)
    return owned


OWNED = _owned_models()


def test_the_list_of_owned_models_is_not_empty():
    labels = {m._meta.label for m in OWNED}
    assert {"stations.Station", "stations.Pledge", "stations.Agreement"} <= labels


@pytest.mark.parametrize("model", OWNED, ids=lambda m: m._meta.label)
def test_each_owned_model_has_a_scope_and_a_scoped_manager(model):
    assert model._meta.label in SCOPES, f"{model._meta.label}: add it to unions.scopes.SCOPES"
    if model._meta.app_label != "history":
        assert isinstance(model._default_manager.all(), ScopedQuerySet)


def test_the_table_names_no_model_that_does_not_exist():
    labels = {m._meta.label for m in apps.get_models()}
    assert sorted(set(SCOPES) - labels) == []


@pytest.mark.parametrize("model", OWNED, ids=lambda m: m._meta.label)
def test_each_scope_runs_for_every_role(world, model):
    """Each entry's lookups are real fields: the query compiles and runs for every role."""
    for user in world.users().values():
        list(visible(model._default_manager.all(), user)[:1])


def test_anonymous_visitors_see_nothing_through_a_scope(world):
    for model in OWNED:
        assert not visible(model._default_manager.all(), None).exists(), model._meta.label


def test_the_draft_status_named_in_scopes_is_the_stations_draft():
    from stations.models import StationStatus

    assert StationStatus.DRAFT == STATION_DRAFT


def test_the_inspector_document_kinds_exist():
    from documents import kinds

    assert set(INSPECTOR_DOCUMENT_KINDS) <= {kind.code for kind in kinds.all_kinds()}
