"""The programme's vocabularies, in the source document's order."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Service(models.TextChoices):
    """服务项目 of 附件1: the five named services and 其他."""

    WATER = "water", _("Drinking water")
    COOL_WARM = "cool_warm", _("Cooling down and warming up")
    MEAL_HEATING = "meal_heating", _("Meal heating")
    CHARGING = "charging", _("Phone charging")
    REST_TOILET = "rest_toilet", _("Rest and toilet")
    OTHER = "other", _("Other services")


class Facility(models.TextChoices):
    """6+X: the six basic facilities, then the extras (section 三(五))."""

    AIR_CON = "air_con", _("Air conditioner")
    FRIDGE = "fridge", _("Refrigerator")
    MICROWAVE = "microwave", _("Microwave oven")
    WATER_DISPENSER = "water_dispenser", _("Water dispenser or tea urn")
    POWER_STRIP = "power_strip", _("Charging power strip")
    TABLES_CHAIRS = "tables_chairs", _("Tables and chairs")
    WIFI = "wifi", _("Free Wi-Fi")
    FIRST_AID = "first_aid", _("First-aid kit")
    NEWSPAPER_RACK = "newspaper_rack", _("Books and newspaper rack")
    # Kept so that stations stored with it still read; Station.toilet_open says the same
    # thing and is what the form asks (FORM_FACILITIES leaves this one out).
    OPEN_TOILET = "open_toilet", _("Toilet open to workers")


BASIC_FACILITIES = (
    Facility.AIR_CON,
    Facility.FRIDGE,
    Facility.MICROWAVE,
    Facility.WATER_DISPENSER,
    Facility.POWER_STRIP,
    Facility.TABLES_CHAIRS,
)

# What the filing form offers: every facility but the toilet, which has its own checkbox
# (Station.toilet_open). Offering both let a clerk tick one and not the other.
FORM_FACILITIES = [
    (value, label) for value, label in Facility.choices if value != Facility.OPEN_TOILET
]


class Audience(models.TextChoices):
    ALL = "all", _("All outdoor workers")
    SANITATION = "sanitation", _("Sanitation workers only")


class SixStandard(models.TextChoices):
    """六有: 有场所、有标识、有人员、有服务、有设施、有保障."""

    PLACE = "place", _("Place")
    SIGN = "sign", _("Signage")
    STAFF = "staff", _("Staff")
    SERVICE = "service", _("Service")
    FACILITIES = "facilities", _("Facilities")
    SUPPORT = "support", _("Support")
