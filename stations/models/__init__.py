from __future__ import annotations

from .alert import AlertKind, AlertLevel, AlertSource, WeatherAlert
from .campaign import (
    Campaign,
    CampaignAllocation,
    CampaignDelivery,
    CampaignDeliveryLine,
    CampaignDistrictReach,
    CampaignGood,
    CampaignKind,
    CampaignUnionReach,
)
from .choices import BASIC_FACILITIES, FORM_FACILITIES, Audience, Facility, Service, SixStandard
from .closure import StationClosure
from .donation import (
    MATCH_ACTIONS,
    DonationMatch,
    DonationOffer,
    DonationOfferArea,
    DonationOfferLine,
    DonorKind,
    MatchStatus,
    StationNeed,
    StationNeedLine,
)
from .feedback import (
    FEEDBACK_ACTIONS,
    SERIOUS_PROBLEMS,
    Feedback,
    FeedbackProblem,
    FeedbackStatus,
)
from .feedback_ticket import TICKET_ACTIONS, FeedbackTicket, TicketStatus
from .filing import FilingForm
from .operating import day_start, year_window
from .records import Acceptance, Agreement, InsurancePolicy, Pledge
from .station import (
    ACTIONS,
    EDITABLE_STATUSES,
    ENDED_STATUSES,
    HOLDS_PLAQUE,
    PUBLIC_STATUSES,
    TRANSITIONS,
    PlaqueSequence,
    Station,
    StationAction,
    StationStatus,
    StationTransition,
)
from .training import TrainingAttendance, TrainingMode, TrainingSession
from .visit import StationVisitDay

__all__ = [
    "AlertKind",
    "AlertLevel",
    "AlertSource",
    "WeatherAlert",
    "Campaign",
    "CampaignAllocation",
    "CampaignDelivery",
    "CampaignDeliveryLine",
    "CampaignDistrictReach",
    "CampaignUnionReach",
    "CampaignGood",
    "CampaignKind",
    "MATCH_ACTIONS",
    "DonationMatch",
    "DonationOffer",
    "DonationOfferArea",
    "DonationOfferLine",
    "DonorKind",
    "MatchStatus",
    "StationNeed",
    "StationNeedLine",
    "FEEDBACK_ACTIONS",
    "TICKET_ACTIONS",
    "SERIOUS_PROBLEMS",
    "Feedback",
    "FeedbackProblem",
    "FeedbackStatus",
    "FeedbackTicket",
    "StationVisitDay",
    "TicketStatus",
    "ACTIONS",
    "EDITABLE_STATUSES",
    "ENDED_STATUSES",
    "HOLDS_PLAQUE",
    "StationAction",
    "StationClosure",
    "BASIC_FACILITIES",
    "PUBLIC_STATUSES",
    "TRANSITIONS",
    "Acceptance",
    "Agreement",
    "Audience",
    "Facility",
    "FORM_FACILITIES",
    "FilingForm",
    "InsurancePolicy",
    "PlaqueSequence",
    "Pledge",
    "Service",
    "SixStandard",
    "Station",
    "StationStatus",
    "day_start",
    "year_window",
    "StationTransition",
    "TrainingAttendance",
    "TrainingMode",
    "TrainingSession",
]
