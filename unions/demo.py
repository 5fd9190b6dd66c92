"""Demo accounts for `make run` (seed_demo). Idempotent."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from history.changes import announce

from .models import Profile, Role, Union

DEMO_PASSWORD = "relay-demo-2026"  # noqa: S105  (published demo login, embedded mode only)

# (username, full name, role, union code, district)
DEMO_USERS = [
    ("admin", "系统管理员", Role.ADMIN, None, ""),
    ("aidcenter", "援助中心 张夏美", Role.AID_CENTER, None, ""),
    ("inspector", "监督队 陈立", Role.INSPECTOR, None, ""),
    ("inspector_pudong", "浦东监督员 周敏", Role.INSPECTOR, None, "浦东新区"),
    ("clerk_huangpu", "黄浦区总工会 王建国", Role.UNION_STAFF, "huangpu", ""),
    ("clerk_xuhui", "徐汇区总工会 刘芳", Role.UNION_STAFF, "xuhui", ""),
    ("clerk_pudong", "浦东新区总工会 孙强", Role.UNION_STAFF, "pudong", ""),
    ("clerk_greening", "绿化市容行业工会 赵兰", Role.UNION_STAFF, "greening", ""),
]


def seed_users() -> list[tuple[str, str, str]]:
    User = get_user_model()
    rows = []
    for username, full_name, role, union_code, district in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
        user.first_name = full_name
        user.is_staff = user.is_superuser = role == Role.ADMIN
        user.save()
        union = Union.objects.get(code=union_code) if union_code else None
        Profile.objects.update_or_create(
            user=user, defaults={"role": role, "union": union, "district": district}
        )
        rows.append((username, str(Role(role).label), union.name if union else district))
    announce("profile")  # the demo logins' roles and scopes: every staff home is redrawn
    return rows
