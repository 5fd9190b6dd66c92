"""The published schemas the open data is held to, read from the test-only npm packages that
`make test` installs into tests/e2e/node_modules (pinned by its lockfile): nothing is fetched
at test time and nothing is copied into the project."""

from __future__ import annotations

import json
from pathlib import Path

NODE_MODULES = Path(__file__).resolve().parents[1] / "e2e" / "node_modules"


def geojson_validator():
    """A validator for RFC 7946 FeatureCollections: the GeoJSON organisation's own JSON
    Schema (geojson-schema, MIT), checked by jsonschema."""
    from jsonschema import Draft7Validator

    path = NODE_MODULES / "geojson-schema" / "FeatureCollection.json"
    assert path.is_file(), "run make test: it installs tests/e2e's npm packages"
    schema = json.loads(path.read_text())
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)
