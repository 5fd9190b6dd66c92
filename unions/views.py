"""The notices a union receives (unions/notices.py): a list, and marking one read."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from .access import access
from .models import Notice
from .pages import key_page
from .roles import UNION, UNION_AID_OR_ADMIN, Role, role_of

# Notices are addressed to unions; the aid center and administrators may read them all.
NOTICE_READERS = UNION_AID_OR_ADMIN


@access(*NOTICE_READERS)
def notice_list(request):
    notices = Notice.objects.visible_to(request.user)
    page = key_page(
        request,
        notices,
        order=("-created_at", "-id"),
        per_page=30,
        rows=notices.select_related("union"),
    )
    for_union = role_of(request.user) == Role.UNION_STAFF
    return render(request, "unions/notices.html", {"page": page, "for_union": for_union})


@access(*UNION, methods=("POST",))
def notice_read(request, pk: int):
    notice = get_object_or_404(Notice.objects.visible_to(request.user), pk=pk)
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(
            read_at=timezone.now(), read_by=request.user
        )
    target = notice.link
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect("accounts:notices")
    return redirect(target)
