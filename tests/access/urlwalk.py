"""Walks every URL pattern of the project and turns each into a concrete path."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Pattern:
    route: str  # the full pattern, for messages and as the key of unnamed patterns
    name: str  # "namespace:name", or "" when unnamed
    callback: object
    namespaces: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.name or self.route

    def path(self, values: dict) -> str:
        def route_sub(m):
            return str(values[m.group("name")])

        def regex_sub(m):
            return str(values[m.group("name")])

        out = _ROUTE_PARAM.sub(route_sub, self.route)
        out = _REGEX_GROUP.sub(regex_sub, out)
        out = out.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
        return "/" + out.lstrip("/")


def walk(resolver: URLResolver | None = None, prefix: str = "", ns: tuple = ()):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            inner_ns = ns + ((p.namespace,) if p.namespace else ())
            yield from walk(p, prefix + str(p.pattern), inner_ns)
        elif isinstance(p, URLPattern):
            name = ":".join((*ns, p.name)) if p.name else ""
            yield Pattern(prefix + str(p.pattern), name, p.callback, ns)


def all_patterns() -> list[Pattern]:
    return list(walk())
