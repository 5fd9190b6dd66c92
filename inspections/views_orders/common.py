from __future__ import annotations

from django.core.paginator import Paginator

from unions.models import Role

STAFF_READ = (Role.UNION_STAFF, Role.AID_CENTER, Role.INSPECTOR)
AID_OR_INSPECTOR = (Role.AID_CENTER, Role.INSPECTOR)
# Plans are unannounced: never union staff (their scope also hides every PlanVisit).
PLAN_READ = (Role.AID_CENTER, Role.INSPECTOR, Role.ADMIN)
AID = (Role.AID_CENTER, Role.ADMIN)
FORM_METHODS = ("GET", "HEAD", "POST")


def paginate(request, queryset, per_page: int = 50):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
