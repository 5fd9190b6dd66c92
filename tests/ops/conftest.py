from __future__ import annotations

# The public_station fixture: an active, numbered station of union A.
from tests.public.conftest import public_station  # noqa: F401
