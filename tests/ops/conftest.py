from __future__ import annotations

# A real Celery worker against the test database (services pass): start_worker(**env).
from tests.documents.conftest import start_worker  # noqa: F401

# The public_station fixture: an active, numbered station of union A.
from tests.public.conftest import public_station  # noqa: F401
