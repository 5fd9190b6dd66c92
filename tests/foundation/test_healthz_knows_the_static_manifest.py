"""With hashed static names (production), /healthz answers 503 naming "static" when the
manifest collectstatic writes is missing or a file it names cannot be read: every page
would answer 500 then, and a load balancer must stop sending traffic."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": MANIFEST_STORAGE},
    }
    return settings.STATIC_ROOT


@pytest.mark.django_db
def test_healthz_is_503_naming_static_when_collectstatic_never_ran(client, production_static):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["static"] == "error"
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_healthz_is_ok_once_the_files_are_collected_and_503_when_one_is_gone(
    client, production_static
):
    call_command("collectstatic", "--noinput", verbosity=0)

    healthy = client.get("/healthz")
    paths = json.loads((production_static / "staticfiles.json").read_text())["paths"]
    (production_static / paths["css/portal.css"]).unlink()
    broken = client.get("/healthz")

    assert healthy.status_code == 200
    assert healthy.json()["checks"]["static"] == "ok"
    assert broken.status_code == 503
    assert broken.json()["checks"]["static"] == "error"
