from __future__ import annotations

from unions.models import Role

STAFF_READ = (Role.UNION_STAFF, Role.AID_CENTER, Role.INSPECTOR)
AID_OR_INSPECTOR = (Role.AID_CENTER, Role.INSPECTOR)
# Plans are unannounced: never union staff (their scope also hides every PlanVisit).
PLAN_READ = (Role.AID_CENTER, Role.INSPECTOR, Role.ADMIN)
AID = (Role.AID_CENTER, Role.ADMIN)
FORM_METHODS = ("GET", "HEAD", "POST")
