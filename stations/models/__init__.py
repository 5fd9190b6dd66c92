from __future__ import annotations

from .choices import BASIC_FACILITIES, Audience, Facility, Service, SixStandard
from .filing import FilingForm
from .records import Acceptance, Agreement, InsurancePolicy, Pledge
from .station import (
    PUBLIC_STATUSES,
    TRANSITIONS,
    PlaqueSequence,
    Station,
    StationStatus,
    StationTransition,
    transition_allowed,
)

__all__ = [
    "BASIC_FACILITIES",
    "PUBLIC_STATUSES",
    "TRANSITIONS",
    "Acceptance",
    "Agreement",
    "Audience",
    "Facility",
    "FilingForm",
    "InsurancePolicy",
    "PlaqueSequence",
    "Pledge",
    "Service",
    "SixStandard",
    "Station",
    "StationStatus",
    "StationTransition",
    "transition_allowed",
]
