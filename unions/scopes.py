"""Which rows each role may see: one table for every kind of record in the project.

DESIGN's least-privilege rule, written once:
- the aid center and administrators see everything;
- union staff see the rows of their own union, never another union's;
- inspectors see non-draft stations in their scope (their district, or the whole city when
  their profile names none), those stations' own records (pledge, plaque, history and,
  later, their checks), and nothing else: never filing forms, agreements, scans, insurance
  or host units, which carry other stations' and people's personal data;
- anonymous visitors see nothing through a scope (public pages use ``public()`` querysets).

Each model names its entry in ``SCOPES`` by its label; its manager is ``ScopedQuerySet`` (or
a subclass), whose ``visible_to(user)`` is the only way views look rows up. A model that
has a union, a station or a document and no entry here fails the suite
(tests/access/test_every_model_is_scoped.py). The entries name fields by lookup path, so this
module imports no app above ``unions``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from .roles import Role, district_scope, role_of

# A draft is still the union's own working copy: nobody outside the union reviews or
# inspects it. Equal to stations' StationStatus.DRAFT (a test holds them together).
STATION_DRAFT = "draft"
# Documents an inspector may open: a station's own pledge (附件3, posted in the station), its
# plaque artwork, and the rectification notice (整改通知书) the supervision team's red-line
# check produced. Each is scoped to its station's district. Equal to the kinds registered
# with shown_to_inspectors (a test holds them).
INSPECTOR_DOCUMENT_KINDS = ("pledge", "plaque", "rect_notice")
# Documents made from one user's own view of the data: the registry export and the
# rectification orders' CSV, each written with that user's scope and list filters. Only the user who asked reads one, and only while the
# rules above still let them see it (its union, its district); a colleague, even of the
# same union or the aid center, makes their own. Equal to the kinds registered as personal
# (a test holds them).
PERSONAL_DOCUMENT_KINDS = ("registry_xlsx", "orders_csv")


@dataclass(frozen=True)
class Scope:
    """How one kind of record reaches each role.

    ``union`` is the lookup of the owning union's id; ``district`` the lookup of the
    station district that district-scoped inspectors are held to; ``inspectors`` is None
    when inspectors never see the record, else the condition a row must meet for them.
    """

    union: str
    district: str | None = None
    inspectors: Q | None = None
    # False for records union staff never see, even their own union's (unannounced plans).
    union_staff: bool = True
    # A second union that also sees the row: the reviewing union of a peer review.
    also_union: str | None = None
    # Rows every union's staff see besides their own: the aid center's city-wide ones.
    shared: Q | None = None
    # Rows that only one user sees, on top of the rules above: (the condition that marks
    # them, the lookup of that user's id).
    personal: tuple[Q, str] | None = None

    def for_inspector(self, user) -> Q | None:
        if self.inspectors is None:
            return None
        condition = self.inspectors
        district = district_scope(user)
        if district:
            if self.district is None:
                return None  # a district inspector sees only what has a district
            condition &= Q(**{self.district: district})
        return condition


def _station_records(station: str) -> Scope:
    """Rows that belong to one station and that inspectors see when they see the station."""
    return Scope(
        union=f"{station}__union_id",
        district=f"{station}__district",
        inspectors=~Q(**{f"{station}__status": STATION_DRAFT}),
    )


SCOPES: dict[str, Scope] = {
    "unions.Union": Scope(union="pk", district="district", inspectors=Q()),
    "unions.HostUnit": Scope(union="union_id"),
    "unions.Profile": Scope(union="union_id"),
    "unions.Notice": Scope(union="union_id"),
    "stations.FilingForm": Scope(union="union_id"),
    "stations.Station": Scope(
        union="union_id", district="district", inspectors=~Q(status=STATION_DRAFT)
    ),
    "stations.StationTransition": _station_records("station"),
    "stations.Acceptance": Scope(union="union_id"),
    "stations.Agreement": Scope(union="union_id"),
    # The pledge carries its station's union (set once, at approval: stations do not move
    # between unions), so a union's pledges are one indexed filter, not a join to 200,000
    # stations (the overdue count on every union home page).
    "stations.Pledge": Scope(
        union="union_id",
        district="station__district",
        inspectors=~Q(station__status=STATION_DRAFT),
    ),
    "stations.StationClosure": _station_records("station"),
    "stations.InsurancePolicy": Scope(union="union_id"),
    "history.RecordChange": Scope(union="union_id"),
    # A campaign's allocations are each union's; its deliveries reach stations, whose
    # participation inspectors in scope see (a check may verify the goods arrived).
    "stations.CampaignAllocation": Scope(union="union_id"),
    "stations.CampaignUnionReach": Scope(union="union_id"),
    "stations.CampaignDelivery": Scope(
        union="union_id", district="station__district", inspectors=Q()
    ),
    "stations.CampaignDeliveryLine": Scope(
        union="delivery__union_id", district="delivery__station__district", inspectors=Q()
    ),
    # Training of station heads: a union's sessions are its own, the aid center's (no union)
    # every union's to attend; attendance is the union's of the station. Inspectors have no
    # part in it.
    "stations.TrainingSession": Scope(union="union_id", shared=Q(union__isnull=True)),
    "stations.TrainingAttendance": Scope(union="union_id"),
    # 爱心互献: a station's needs and their matches are its union's and the aid center's;
    # an offer is the aid center's, and the union's that recorded it for the donor. Other
    # unions never see them, nor do inspectors (they carry donors' contacts and what
    # stations lack, nothing a check verifies).
    "stations.DonationOffer": Scope(union="union_id"),
    "stations.DonationOfferArea": Scope(union="offer__union_id"),
    "stations.DonationOfferLine": Scope(union="offer__union_id"),
    "stations.StationNeed": Scope(union="union_id"),
    "stations.StationNeedLine": Scope(union="need__union_id"),
    "stations.DonationMatch": Scope(union="union_id"),
    "stations.Feedback": Scope(union="union_id", district="station__district", inspectors=Q()),
    # A ticket is between the worker's complaint, the union that must answer it and the aid
    # center that closes it; inspectors learn of problems through their own checks.
    "stations.FeedbackTicket": Scope(union="union_id"),
    # Anonymous counts per station and day: seen like the station's other records.
    "stations.StationVisitDay": _station_records("station"),
    # Checks are seen by the checked union once logged (undercover visits included: a plan
    # is what stays secret), by inspectors of the station's district, and by the union that
    # made a peer-review check.
    "inspections.Inspection": Scope(
        union="union_id",
        district="district",
        inspectors=Q(),
        also_union="peer_pairing__reviewer_id",
    ),
    "inspections.Rectification": Scope(union="union_id", district="district", inspectors=Q()),
    "inspections.Appeal": Scope(union="union_id", district="district", inspectors=Q()),
    # Union staff never see a plan, before or after: it is unannounced.
    "inspections.PlanVisit": Scope(
        union="union_id", district="district", inspectors=Q(), union_staff=False
    ),
    "inspections.PeerReviewPairing": Scope(union="union_id", also_union="reviewer_id"),
    "inspections.StationQuarterScore": Scope(union="union_id", district="district", inspectors=Q()),
    "inspections.UnionQuarterScore": Scope(union="union_id"),
    # A title belongs to the winner's union; inspectors have no use for the selection.
    "awards.Award": Scope(union="union_id"),
    # The selection's working list, marks included: the aid center's alone until titles are
    # saved and published.
    "awards.Shortlisted": Scope(union="union_id", union_staff=False),
    "documents.GeneratedDocument": Scope(
        union="union_id",
        district="district",
        inspectors=Q(kind__in=INSPECTOR_DOCUMENT_KINDS) | Q(kind__in=PERSONAL_DOCUMENT_KINDS),
        personal=(Q(kind__in=PERSONAL_DOCUMENT_KINDS), "requested_by_id"),
    ),
}


def scope_of(model: type[models.Model]) -> Scope:
    label = model._meta.label
    try:
        return SCOPES[label]
    except KeyError:
        raise LookupError(f"{label} has no entry in unions.scopes.SCOPES") from None


def visible(queryset: models.QuerySet, user) -> models.QuerySet:
    """The rows of ``queryset`` that ``user`` may see, by the table above."""
    scope = scope_of(queryset.model)
    role = role_of(user)
    if scope.personal is not None and role is not None:
        marked, owner = scope.personal
        queryset = queryset.filter(~marked | Q(**{owner: user.pk}))
    if role in (Role.AID_CENTER, Role.ADMIN):
        return queryset.all()
    if role == Role.UNION_STAFF:
        if not scope.union_staff:
            return queryset.none()
        own = Q(**{scope.union: user.profile.union_id})
        if scope.also_union:
            own |= Q(**{scope.also_union: user.profile.union_id})
        if scope.shared is not None:
            own |= scope.shared
        return queryset.filter(own)
    if role == Role.INSPECTOR:
        condition = scope.for_inspector(user)
        return queryset.none() if condition is None else queryset.filter(condition)
    return queryset.none()


def sees_kind(user, model: type[models.Model]) -> bool:
    """Whether ``user``'s role sees this kind of record at all. A page leaves out what a
    role never sees rather than telling it "none on file", which would be untrue."""
    role = role_of(user)
    if role in (Role.AID_CENTER, Role.ADMIN):
        return True
    if role == Role.UNION_STAFF:
        return scope_of(model).union_staff
    if role == Role.INSPECTOR:
        return scope_of(model).for_inspector(user) is not None
    return False


def sees_row(user, obj: models.Model) -> bool:
    """Whether ``user`` sees this one row, by the table above: decided from the row itself
    where its scope is its own union column (the aid center sees it, a union's staff when
    it is theirs, inspectors when their role never sees the kind), and asked of the
    database otherwise. A page that already holds a row (joined to another) need not read
    it again to know whether to show it."""
    scope = scope_of(type(obj))
    role = role_of(user)
    if scope.personal is None:
        if role in (Role.AID_CENTER, Role.ADMIN):
            return True
        if role == Role.INSPECTOR and scope.for_inspector(user) is None:
            return False
        plain = "__" not in scope.union and not scope.also_union and scope.shared is None
        if role == Role.UNION_STAFF and plain:
            return scope.union_staff and getattr(obj, scope.union) == user.profile.union_id
        if role is None:
            return False
    return visible(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


class ScopedQuerySet(models.QuerySet):
    """The manager of every scoped model: ``Model.objects.visible_to(request.user)``."""

    def visible_to(self, user) -> ScopedQuerySet:
        return visible(self, user)
