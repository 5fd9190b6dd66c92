from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role
from .scopes import ScopedQuerySet

__all__ = ["CarrierType", "HostUnit", "Notice", "Profile", "Role", "SecurityEvent", "Union"]


class CarrierType(models.TextChoices):
    """创设载体, in the order the source document lists them (section 二)."""

    BANK = "bank", _("Bank")
    TELECOM = "telecom", _("Telecom outlet")
    SUPERMARKET = "supermarket", _("Supermarket")
    RETAIL = "retail", _("Pharmacy or retail store")
    RESTAURANT = "restaurant", _("Restaurant")
    HOTEL = "hotel", _("Budget hotel")
    UNIVERSITY = "university", _("University gate")
    WORKER_CENTRE = "worker_centre", _("District worker-service centre")
    PARTY_CENTRE = "party_centre", _("Street/town party-building centre")
    GRASSROOTS = "grassroots", _("Grassroots service station")
    OTHER = "other", _("Other")


class Union(models.Model):
    """推荐单位: a district union (区总工会) or an industry union (局/产业工会)."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("District union")
        INDUSTRY = "industry", _("Industry union")

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    district = models.CharField(_("district"), max_length=20, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("union")
        verbose_name_plural = _("unions")

    def __str__(self) -> str:
        return self.name


class HostUnit(models.Model):
    """创设单位: the bank, shop or centre that hosts stations; 甲方 of the agreement (附件2)."""

    union = models.ForeignKey(
        Union, verbose_name=_("union"), on_delete=models.PROTECT, related_name="host_units"
    )
    name = models.CharField(_("name"), max_length=200)
    carrier_type = models.CharField(_("carrier type"), max_length=20, choices=CarrierType.choices)
    parent_unit = models.CharField(
        _("superior unit"),
        max_length=200,
        blank=True,
        help_text=_("The head office that may be honoured as a public-welfare partner."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_name = models.CharField(_("contact"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("host unit")
        verbose_name_plural = _("host units")
        constraints = [
            models.UniqueConstraint(fields=["union", "name"], name="hostunit_unique_per_union")
        ]

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """What a staff account may do: its role, and the union or district it is bound to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    union = models.ForeignKey(
        Union,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    district = models.CharField(
        _("district scope"),
        max_length=20,
        blank=True,
        help_text=_("Inspectors of a district worker-service centre see only that district."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            # Union staff are always bound to exactly one union; nobody else is.
            models.CheckConstraint(
                condition=(
                    models.Q(role="union", union__isnull=False)
                    | (~models.Q(role="union") & models.Q(union__isnull=True))
                ),
                name="profile_union_iff_union_staff",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class SecurityEvent(models.Model):
    """Append-only log of logins, logouts, failures, lockouts and refused accesses."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Login")
        LOGOUT = "logout", _("Logout")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOCKED_OUT = "locked_out", _("Locked out")
        REFUSED = "refused", _("Access refused")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M} {self.kind} {self.username}"


class SessionGeneration(models.Model):
    """How many times a user's sessions have been ended for good (the account was disabled).

    A login writes the current number into its session, and config.security's
    RevokedSessionMiddleware ends any session holding an older one. Kept in the database,
    not in the session store, so that it works with every SESSION_ENGINE: database
    sessions are not indexed by user, and cache or signed-cookie sessions cannot be found
    and deleted at all. (A changed password already ends sessions: Django's session auth
    hash is derived from the password hash.)
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    generation = models.PositiveIntegerField(_("session generation"), default=0)

    class Meta:
        verbose_name = _("session generation")
        verbose_name_plural = _("session generations")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.generation}"

    @classmethod
    def current(cls, user_id: int) -> int:
        found = cls.objects.filter(user_id=user_id).values_list("generation", flat=True)
        return found.first() or 0

    @classmethod
    def end_sessions(cls, user_id: int) -> None:
        """Every session opened before now stops working, whatever happens to the account."""
        cls.objects.get_or_create(user_id=user_id)
        cls.objects.filter(user_id=user_id).update(generation=models.F("generation") + 1)


class NoticeQuerySet(ScopedQuerySet):
    def unread(self) -> NoticeQuerySet:
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """A message to one union's staff: an overdue rectification order, a quarterly report
    ready, the year's winners. Shown in the portal and mailed to the union's staff
    (unions/notices.py notify_union); or, with no union, to the aid center's
    (notify_aid_center)."""

    # None: addressed to the aid center (a quarter ready to publish), which reads every
    # notice; union staff read their own union's only (unions.scopes).
    union = models.ForeignKey(
        Union,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="notices",
        null=True,
        blank=True,
    )
    # What it is about, for grouping and for tests: "rectification_overdue", "report", ...
    topic = models.SlugField(_("topic"), max_length=40)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    # A path inside the portal where the union acts on it.
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("read by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    mailed_to = models.PositiveSmallIntegerField(_("mailed to (people)"), default=0)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return self.subject
